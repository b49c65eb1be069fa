package dev.assay.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.demo.DemoFleet.Member;
import dev.assay.api.testing.MovableMarketClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@code ./assay demo --no-renters}: the hosts live, nobody rents. */
@MicronautTest(transactional = false)
@Property(name = "assay.demo.enabled", value = "true")
@Property(name = "assay.demo.fleet-size", value = "60")
@Property(name = "assay.demo.renters", value = "false")
@Property(name = "test.movable-market-clock", value = "true")
class DemoMarketWithoutRentersTest {

    @Inject
    DemoMarket market;
    @Inject
    DemoFleet fleet;
    @Inject
    MovableMarketClock clock;
    @Inject
    DataSource dataSource;

    @Test
    void withoutRentersNoPodIsMadeButTheHostsStillLive() throws SQLException {
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(2));
            market.tick();
        }

        assertThat(count("SELECT COUNT(*) FROM pods")).isZero();
        assertThat(count("SELECT COUNT(*) FROM organisations WHERE id LIKE 'org_d3m0rentr%'")).isZero();
        String dishonest = fleet.roster().stream().filter(m -> m.host().conduct() == DemoConduct.DISHONEST)
                .map(Member::hostId).findFirst().orElseThrow();
        assertThat(count("SELECT COUNT(*) FROM hosts WHERE id = '" + dishonest + "' AND verification = 'DEVERIFIED'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM benchmark_reports")).isPositive();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
