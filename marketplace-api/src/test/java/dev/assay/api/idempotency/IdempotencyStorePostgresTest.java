package dev.assay.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's guarantees on a real PostgreSQL, migrated by Flyway (V2__idempotency.sql). */
class IdempotencyStorePostgresTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static TestServices.Postgres pg;
    private static String schema;
    private static ApplicationContext context;
    private static IdempotencyStore store;

    @BeforeAll
    static void start() throws SQLException {
        pg = TestServices.postgres();
        schema = "assay_idem_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", pg.user(),
                "datasources.default.password", pg.password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "micronaut.server.port", -1,
                "grpc.server.enabled", false), "test");
        store = context.getBean(IdempotencyStore.class);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (context != null) {
            context.close();
        }
        if (pg != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aCompletedKeyIsReplayedOnlyToTheSameRequest() {
        String key = UUID.randomUUID().toString();
        Claim first = store.claim("org:a", key, "fp1", T0);
        StoredResponse response = new StoredResponse(201, Optional.of("application/json"),
                Optional.of("/v1/pods/pod_1"), "{\"id\":\"pod_1\"}".getBytes());

        assertThat(first).isInstanceOf(Claim.Acquired.class);
        assertThat(store.claim("org:a", key, "fp1", T0.plusSeconds(1))).isInstanceOf(Claim.InFlight.class);
        assertThat(store.complete((Claim.Acquired) first, response)).isTrue();
        assertThat(store.claim("org:a", key, "fp1", T0.plusSeconds(2))).isEqualTo(new Claim.Replay(response));
        assertThat(store.claim("org:a", key, "fp2", T0.plusSeconds(2))).isInstanceOf(Claim.Mismatch.class);
    }

    @Test
    void keysAreScopedByCaller() {
        String key = UUID.randomUUID().toString();

        assertThat(store.claim("org:a", key, "fp", T0)).isInstanceOf(Claim.Acquired.class);
        assertThat(store.claim("org:b", key, "other", T0)).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void aReleasedKeyMayBeClaimedAgain() {
        String key = UUID.randomUUID().toString();
        Claim.Acquired first = (Claim.Acquired) store.claim("org:a", key, "fp", T0);

        store.release(first);

        assertThat(store.claim("org:a", key, "fp", T0.plusSeconds(1))).isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void anExpiredKeyIsForgotten() {
        String key = UUID.randomUUID().toString();
        Claim.Acquired first = (Claim.Acquired) store.claim("org:a", key, "fp1", T0);
        store.complete(first, new StoredResponse(200, Optional.empty(), Optional.empty(), new byte[0]));

        assertThat(store.claim("org:a", key, "fp2", T0.plus(IdempotencyStore.TTL).minusMillis(1)))
                .isInstanceOf(Claim.Mismatch.class);
        assertThat(store.claim("org:a", key, "fp2", T0.plus(IdempotencyStore.TTL)))
                .isInstanceOf(Claim.Acquired.class);
    }

    @Test
    void anAbandonedClaimIsTakenOverAndTheOldHolderCannotComplete() {
        String key = UUID.randomUUID().toString();
        Claim.Acquired abandoned = (Claim.Acquired) store.claim("org:a", key, "fp", T0);

        Claim takeover = store.claim("org:a", key, "fp", T0.plus(IdempotencyStore.ABANDONED_AFTER));

        assertThat(takeover).isInstanceOf(Claim.Acquired.class);
        assertThat(store.complete(abandoned, new StoredResponse(200, Optional.empty(), Optional.empty(), null)))
                .isFalse();
        assertThat(store.complete((Claim.Acquired) takeover,
                new StoredResponse(200, Optional.empty(), Optional.empty(), null))).isTrue();
    }

    @Test
    void purgeDeletesOnlyExpiredRecords() {
        Instant far = T0.plus(Duration.ofDays(400));
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        store.claim("org:purge", old, "fp", far);
        store.claim("org:purge", fresh, "fp", far.plus(Duration.ofHours(23)));

        int purged = store.purgeExpired(far.plus(IdempotencyStore.TTL));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(store.claim("org:purge", fresh, "fp", far.plus(Duration.ofHours(23)).plusSeconds(1)))
                .isInstanceOf(Claim.InFlight.class);
        assertThat(store.claim("org:purge", old, "other", far.plus(IdempotencyStore.TTL)))
                .isInstanceOf(Claim.Acquired.class);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
