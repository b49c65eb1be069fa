package dev.assay.api.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.BothDatabases;
import dev.assay.api.testing.BothDatabases.Database;
import dev.assay.api.testing.MarketRows;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pods package's entities on H2 and on PostgreSQL: what is saved reads back equal, field by field, from a
 * new persistence context; the metering columns are never written by the pod entity, not at insert and not
 * when a copy read before metering moved them is saved. Starting each application already proves that
 * Hibernate accepts the mapping against the migrated schema (hbm2ddl validate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodEntitiesRoundTripTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");

    private BothDatabases databases;

    @BeforeAll
    void start() {
        databases = BothDatabases.start("pod_entities");
    }

    @AfterAll
    void stop() {
        if (databases != null) {
            databases.close();
        }
    }

    Stream<Database> databases() {
        return databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void podsReadBackAsSavedWithTheMeteringColumnsLeftToTheDatabase(Database db) {
        Placed placed = place(db);
        StoredPodRepository pods = db.bean(StoredPodRepository.class);
        StoredPod interruptible = new StoredPod(new PodRow(PodIds.next("pod"), placed.orgId(), "trainer", "repo/img:1",
                PodType.INTERRUPTIBLE, PodState.SCHEDULED, placed.hostId(), 2, List.of(0, 3), 16, 64, 100,
                "{\"A\":\"1\"}", "22/tcp,8888/http", 300_000, 100_000, 300_000L, AT, AT, AT, AT), AT);
        StoredPod onDemand = new StoredPod(new PodRow(PodIds.next("pod"), placed.orgId(), "server", "repo/img:2",
                PodType.ON_DEMAND, PodState.PENDING, placed.hostId(), 1, List.of(), 8, 32, 0, "{}", "", 400_000,
                100_000, null, null, null, null, null), AT);
        pods.save(interruptible);
        pods.save(onDemand);

        StoredPod loaded = pods.findByIdAndOrgId(interruptible.getId(), placed.orgId()).orElseThrow();
        assertThat(loaded).isNotSameAs(interruptible).usingRecursiveComparison().isEqualTo(interruptible);
        assertThat(loaded.row()).isEqualTo(interruptible.row());
        assertThat(loaded.row().gpuIndices()).containsExactly(0, 3);
        // The row given had running_since and billed_until: the insert leaves them to the schema's defaults.
        assertThat(loaded.getRunningSince()).isNull();
        assertThat(loaded.getBilledUntil()).isNull();
        assertThat(loaded.getMeterRemainder()).isZero();
        assertThat(loaded.getVersion()).isZero();
        StoredPod loadedOnDemand = pods.findById(onDemand.getId()).orElseThrow();
        assertThat(loadedOnDemand).usingRecursiveComparison().isEqualTo(onDemand);
        assertThat(loadedOnDemand.getBidMicros()).isNull();
        assertThat(pods.findByIdAndOrgId(interruptible.getId(), "org_someone_else")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStaleCopyOfAPodNeverMovesTheMeteringCursorBack(Database db) {
        Placed placed = place(db);
        StoredPodRepository pods = db.bean(StoredPodRepository.class);
        String podId = PodIds.next("pod");
        pods.save(new StoredPod(new PodRow(podId, placed.orgId(), "runner", "repo/img:1", PodType.ON_DEMAND,
                PodState.RUNNING, placed.hostId(), 1, List.of(1), 8, 32, 50, "{}", "", 400_000, 100_000, null, null,
                null, null, null), AT));
        StoredPod stale = pods.findById(podId).orElseThrow();
        placed.rows().execute("UPDATE pods SET running_since = ?, billed_until = ?, meter_remainder = 7 WHERE id = ?",
                Timestamp.from(AT), Timestamp.from(AT.plusSeconds(60)), podId);

        StoredPod metered = pods.findById(podId).orElseThrow();
        assertThat(metered.getRunningSince()).isEqualTo(AT);
        assertThat(metered.getBilledUntil()).isEqualTo(AT.plusSeconds(60));
        assertThat(metered.getMeterRemainder()).isEqualTo(7);

        pods.update(stale);
        assertThat(meteringColumns(db, podId)).containsExactly(AT.toString(), AT.plusSeconds(60).toString(), "7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eventsReadBackInOrderAndNumberTheNext(Database db) {
        Placed placed = place(db);
        String podId = PodIds.next("pod");
        db.bean(StoredPodRepository.class).save(new StoredPod(new PodRow(podId, placed.orgId(), "p", "img",
                PodType.ON_DEMAND, PodState.SCHEDULED, placed.hostId(), 1, List.of(0), 1, 1, 1, "{}", "", 1, 1, null,
                null, null, null, null), AT));
        PodEventRowRepository events = db.bean(PodEventRowRepository.class);
        assertThat(events.nextSeq(podId)).isEqualTo(1);
        PodEventRow first = new PodEventRow(PodIds.next("pev"), podId,
                new PodEvent(1, null, PodState.PENDING, "accepted", AT));
        PodEventRow second = new PodEventRow(PodIds.next("pev"), podId,
                new PodEvent(2, PodState.PENDING, PodState.SCHEDULED, "placed on GPUs [0]", AT.plusMillis(1)));
        events.save(second);
        events.save(first);

        List<PodEventRow> loaded = events.findByPodIdOrderBySeq(podId);
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0)).isNotSameAs(first).usingRecursiveComparison().isEqualTo(first);
        assertThat(loaded.get(1)).usingRecursiveComparison().isEqualTo(second);
        assertThat(loaded.stream().map(PodEventRow::event).toList()).containsExactly(first.event(), second.event());
        assertThat(events.nextSeq(podId)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void bidsReadBackAsSavedAndAreWithdrawnByPod(Database db) {
        Placed placed = place(db);
        String podId = PodIds.next("pod");
        db.bean(StoredPodRepository.class).save(new StoredPod(new PodRow(podId, placed.orgId(), "p", "img",
                PodType.INTERRUPTIBLE, PodState.PENDING, placed.hostId(), 2, List.of(), 1, 1, 1, "{}", "", 250_000, 1,
                250_000L, null, null, null, null), AT));
        BidRowRepository bids = db.bean(BidRowRepository.class);
        BidRow bid = new BidRow(podId, placed.hostId(), placed.orgId(), 2, 250_000, 42, AT);
        bids.save(bid);

        assertThat(bids.findById(podId).orElseThrow()).isNotSameAs(bid).usingRecursiveComparison().isEqualTo(bid);
        assertThat(bids.withdraw(podId)).isOne();
        assertThat(bids.withdraw(podId)).isZero();
        assertThat(bids.findById(podId)).isEmpty();
    }

    private record Placed(MarketRows rows, String orgId, String hostId) {}

    /** A renter organisation and a host its pods can be on. */
    private static Placed place(Database db) {
        MarketRows rows = new MarketRows(db.bean(DataSource.class));
        String hostId = rows.host(rows.hostOrganisation("round trip host")).insert();
        return new Placed(rows, rows.hostOrganisation("round trip renter"), hostId);
    }

    private static String text(Timestamp timestamp) {
        return timestamp == null ? "NULL" : timestamp.toInstant().toString();
    }

    /** running_since, billed_until and meter_remainder as stored, read with plain JDBC. */
    private static List<String> meteringColumns(Database db, String podId) {
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(db.bean(DataSource.class));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT running_since, billed_until, meter_remainder FROM pods WHERE id = ?")) {
            s.setString(1, podId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return List.of(text(r.getTimestamp(1)), text(r.getTimestamp(2)), String.valueOf(r.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
