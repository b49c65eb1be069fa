package dev.assay.api.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.billing.BalanceGuard;
import dev.assay.api.billing.Ledger;
import dev.assay.api.testing.MarketRows;
import dev.assay.pricing.Money;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schedule: off when {@code assay.metering.enabled} is false; on, it runs passes every interval by itself. */
class MeteringScheduleTest {

    @Test
    void switchedOffThereIsNoSchedule() {
        try (ApplicationContext context = ApplicationContext.run(settings(false), "test")) {
            assertThat(context.containsBean(MeteringSchedule.class)).isFalse();
            assertThat(context.getBean(BalanceGuard.class).meteringInterval()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void switchedOnItChargesARunningPodWithoutBeingAsked() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(settings(true), "test")) {
            assertThat(context.containsBean(MeteringSchedule.class)).isTrue();
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            MarketRows market = new MarketRows(dataSource);
            String renter = market.hostOrganisation("renter");
            context.getBean(Ledger.class).credit(renter, Money.parse("100"), "seed-" + renter);
            String hostId = market.host(market.hostOrganisation("host")).insert();
            Instant since = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String pod = new PodRows(market).runningOnDemand(renter, hostId, 1, 360_000, 0, 0, since);

            Instant deadline = Instant.now().plusSeconds(20);
            while (billedUntil(dataSource, pod).equals(since) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            assertThat(billedUntil(dataSource, pod)).isAfter(since.plusSeconds(3599));
            assertThat(context.getBean(Ledger.class).balance(renter).available())
                    .isLessThanOrEqualTo(Money.parse("99.64"));
        }
    }

    @Test
    void anInstanceThatDoesNotLeadMeteringChargesNothing() throws Exception {
        Map<String, Object> settings = new HashMap<>(settings(true));
        settings.put("metering-test.never-leader", true);
        try (ApplicationContext context = ApplicationContext.run(settings, "test")) {
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            MarketRows market = new MarketRows(dataSource);
            String renter = market.hostOrganisation("renter");
            context.getBean(Ledger.class).credit(renter, Money.parse("100"), "seed-" + renter);
            String hostId = market.host(market.hostOrganisation("host")).insert();
            Instant since = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String pod = new PodRows(market).runningOnDemand(renter, hostId, 1, 360_000, 0, 0, since);
            NeverLeaderLeases leases = context.getBean(NeverLeaderLeases.class);
            int askedBefore = leases.asked();

            Instant deadline = Instant.now().plusSeconds(20);
            while (leases.asked() < askedBefore + 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            assertThat(leases.asked()).as("the schedule asked for the lease twice since the pod ran")
                    .isGreaterThanOrEqualTo(askedBefore + 2);
            assertThat(billedUntil(dataSource, pod)).isEqualTo(since);
            assertThat(context.getBean(Ledger.class).balance(renter).available()).isEqualTo(Money.parse("100"));
        }
    }

    private static Map<String, Object> settings(boolean enabled) {
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:metering-schedule-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "micronaut.server.port", -1,
                "grpc.server.enabled", false,
                "assay.metering.enabled", enabled,
                "assay.metering.interval", "1s");
    }

    private static Instant billedUntil(DataSource dataSource, String podId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT billed_until FROM pods WHERE id = ?")) {
            s.setString(1, podId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }
}
