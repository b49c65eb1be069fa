package dev.assay.api.demo;

import static dev.assay.api.hosts.HostsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.billing.Ledger;
import dev.assay.api.demo.DemoFleet.Member;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostStatus;
import dev.assay.api.hosts.HostsHttp;
import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.metering.Metering;
import dev.assay.api.testing.MovableMarketClock;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.score.AssayScore;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The living demo market, ticked by hand on a clock the test moves: bad hosts are caught by the marketplace's own
 * checks, flaky ones come and go, and the SIMULATED renters rent, bid, stop and pay. Assertions read the market
 * through the REST API, the registry, the index and the tables, never the demo's own bookkeeping.
 */
@MicronautTest(transactional = false)
@Property(name = "assay.demo.enabled", value = "true")
@Property(name = "assay.demo.fleet-size", value = "120")
@Property(name = "test.movable-market-clock", value = "true")
// The agents' real gateway, which plays the simulated hosts' agents (not the pods tests' scripted one).
@Property(name = "pods-test.scripted-agent", value = "false")
class DemoMarketTest {

    private static final Duration TICK = Duration.ofSeconds(2);

    @Inject
    EmbeddedServer server;
    @Inject
    DemoMarket market;
    @Inject
    DemoFleet fleet;
    @Inject
    HostRegistry registry;
    @Inject
    MarketIndex index;
    @Inject
    MovableMarketClock clock;
    @Inject
    Metering metering;
    @Inject
    JobLeases leases;
    @Inject
    Ledger ledger;
    @Inject
    DataSource dataSource;

    @Test
    void dishonestHostsEndDeverifiedWithTheirImpossibleReportsKeptAsEvidence() throws SQLException {
        List<String> dishonest = hostsOf(DemoConduct.DISHONEST);
        assertThat(dishonest).hasSize(2);
        Map<String, Double> scoresBefore = scores(dishonest);

        ticks(12);

        HostsHttp http = new HostsHttp(server);
        for (String hostId : dishonest) {
            assertThat(registry.storedMachine(hostId).orElseThrow().verification())
                    .isEqualTo(VerificationState.DEVERIFIED);
            assertThat(count("SELECT COUNT(*) FROM benchmark_reports WHERE host_id = ? AND verdict = 'IMPOSSIBLE'",
                    hostId)).isPositive();
            // An impossible report never raises a score.
            assertThat(scores(List.of(hostId)).get(hostId)).isEqualTo(scoresBefore.get(hostId));
            JsonNode offer = offerOf(http, hostId);
            assertThat(offer.path("verification").asText()).isEqualTo("DEVERIFIED");
            assertThat(offer.path("verified").asBoolean()).isFalse();
            assertThat(offer.path("simulated").asBoolean()).isTrue();
        }
        // Honest hosts are never deverified: the check catches liars only.
        for (Member m : fleet.roster()) {
            if (m.host().conduct() != DemoConduct.DISHONEST) {
                assertThat(registry.storedMachine(m.hostId()).orElseThrow().verification())
                        .as(m.host().machine().name()).isNotEqualTo(VerificationState.DEVERIFIED);
            }
        }
    }

    @Test
    void degradedHostsAreJudgedDegradedAndTheirScoreDrops() throws SQLException {
        List<String> degraded = hostsOf(DemoConduct.DEGRADED);
        assertThat(degraded).hasSizeGreaterThanOrEqualTo(3);
        // The score each GPU got at registration, from the figures it registered with (cool, plausible).
        Map<String, Double> before = new HashMap<>();
        fleet.roster().stream().filter(m -> m.host().conduct() == DemoConduct.DEGRADED).forEach(m -> before.put(
                m.hostId(), AssayScore.of(m.host().machine().gpus().getFirst().figures())));

        ticks(12);

        for (String hostId : degraded) {
            assertThat(count("SELECT COUNT(*) FROM benchmark_reports WHERE host_id = ? AND verdict = 'DEGRADED'",
                    hostId)).isPositive();
            assertThat(scores(List.of(hostId)).get(hostId)).isLessThan(0.7 * before.get(hostId));
        }
    }

    @Test
    void flakyHostsGoOfflineComeBackAndEachLostPodIsAFailureOnTheirRecord() throws SQLException {
        List<String> flaky = hostsOf(DemoConduct.FLAKY);
        assertThat(flaky).hasSizeGreaterThanOrEqualTo(4);
        Map<String, Double> reliabilityBefore = reliabilities(flaky);
        Set<String> seenOffline = new HashSet<>();
        Set<String> seenBack = new HashSet<>();
        HostsHttp http = new HostsHttp(server);
        for (int i = 0; i < 90; i++) {
            ticks(1);
            for (String hostId : flaky) {
                HostStatus status = registry.storedMachine(hostId).orElseThrow().status();
                if (status == HostStatus.OFFLINE) {
                    if (seenOffline.add(hostId)) {
                        // What a renter sees: an offline host has no offer.
                        assertThat(offeredHosts(http)).doesNotContain(hostId);
                    }
                } else if (seenOffline.contains(hostId)) {
                    seenBack.add(hostId);
                }
            }
        }

        assertThat(seenOffline).isNotEmpty();
        assertThat(seenBack).isNotEmpty();
        Map<String, Double> reliabilityAfter = reliabilities(flaky);
        assertThat(seenOffline).anyMatch(h -> !reliabilityAfter.get(h).equals(reliabilityBefore.get(h)));
        // Every pod a flaky host lost is recorded against it as a host-caused failure, and nothing else is.
        long lost = count("SELECT COUNT(*) FROM pod_events e JOIN pods p ON p.id = e.pod_id WHERE e.to_state = 'LOST'"
                + " AND p.host_id IN (SELECT id FROM hosts WHERE org_id = ?)", DemoOrganisation.ID);
        long failures = count("SELECT COUNT(*) FROM host_failures WHERE host_id IN (SELECT id FROM hosts WHERE"
                + " org_id = ?)", DemoOrganisation.ID);
        assertThat(failures).isEqualTo(lost);
    }

    @Test
    void rentersCreateStopAndBidAndTheLedgerMoves() throws SQLException {
        HostsHttp http = new HostsHttp(server);
        int freeBefore = freeGpusOnOffer(http);

        ticks(25);
        int freeDuring = freeGpusOnOffer(http);
        // The simulated agents report RUNNING on their own threads, as agents do; metering bills from then on.
        waitUntil(() -> count("SELECT COUNT(*) FROM pods WHERE state = 'RUNNING'") > 0);
        clock.advance(Duration.ofMinutes(1));
        metering.meterAll(leases.acquire(Metering.JOB).orElseThrow().fencingToken());
        ticks(60);

        String renters = "SELECT id FROM organisations WHERE id LIKE 'org_d3m0rentr%'";
        assertThat(count("SELECT COUNT(*) FROM (" + renters + ") r")).isEqualTo(DemoRenters.RENTERS);
        assertThat(count("SELECT COUNT(*) FROM pods WHERE pod_type = 'ON_DEMAND' AND org_id IN (" + renters + ")"))
                .isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM pods WHERE pod_type = 'INTERRUPTIBLE' AND bid_micros > 0"
                + " AND org_id IN (" + renters + ")")).isGreaterThanOrEqualTo(5);
        // Pods are stopped and deleted, not only created.
        assertThat(count("SELECT COUNT(*) FROM pod_events WHERE to_state IN ('STOPPING', 'STOPPED')")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE state = 'TERMINATED' AND org_id IN (" + renters + ")"))
                .isPositive();
        // Bids meet: a higher bid or an on-demand rental took GPUs from a lower bid.
        assertThat(count("SELECT COUNT(*) FROM pod_events WHERE to_state = 'PREEMPTED'")).isPositive();
        // The market as a renter sees it: pods hold GPUs, so fewer are on offer.
        assertThat(freeDuring).isLessThan(freeBefore);
        // The ledger moved: renters paid for the seconds their pods ran.
        long paying = 0;
        for (int n = 1; n <= DemoRenters.RENTERS; n++) {
            if (ledger.balance(DemoRenters.renterId(n)).available().compareTo(DemoRenters.CREDIT) < 0) {
                paying++;
            }
        }
        assertThat(paying).isPositive();
    }

    @Test
    void ownersRepriceTheirOffersWithinBounds() throws SQLException {
        ticks(40);

        int moved = 0;
        for (Member m : fleet.roster()) {
            long start = m.host().offer().onDemandPerGpuHour().micros();
            long now = count("SELECT on_demand_micros FROM hosts WHERE id = ?", m.hostId());
            if (now != start) {
                moved++;
                assertThat(m.host().conduct()).isEqualTo(DemoConduct.STEADY);
                assertThat((double) now).isBetween(0.69 * start, 1.41 * start);
            }
        }
        assertThat(moved).isPositive();
    }

    @Test
    void everyRenterAndItsPodsSaySimulated() throws SQLException {
        ticks(5);
        assertThat(count("SELECT COUNT(*) FROM organisations WHERE id LIKE 'org_d3m0rentr%'"
                + " AND name NOT LIKE '%(SIMULATED)'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pods p JOIN hosts h ON h.id = p.host_id WHERE h.simulated = FALSE"))
                .isZero();
    }

    interface Check {
        boolean holds() throws SQLException;
    }

    private static void waitUntil(Check check) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(TICK);
            market.tick();
        }
    }

    private List<String> hostsOf(DemoConduct conduct) {
        return fleet.roster().stream().filter(m -> m.host().conduct() == conduct).map(Member::hostId).toList();
    }

    private Map<String, Double> scores(List<String> hostIds) {
        Map<String, Double> scores = new HashMap<>();
        for (String id : hostIds) {
            scores.put(id, index.snapshot().host(id).orElseThrow().gpus().getFirst().score());
        }
        return scores;
    }

    /** Reliability as stored (an offline host is not in the index's snapshot). */
    private Map<String, Double> reliabilities(List<String> hostIds) throws SQLException {
        Map<String, Double> r = new HashMap<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT reliability_mean FROM hosts WHERE id = ?")) {
            for (String id : hostIds) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    r.put(id, rs.getDouble(1));
                }
            }
        }
        return r;
    }

    private static Set<String> offeredHosts(HostsHttp http) {
        Set<String> ids = new HashSet<>();
        json(http.get("/v1/offers?limit=1000", http.ownerKey)).path("items")
                .forEach(item -> ids.add(item.path("host_id").asText()));
        return ids;
    }

    private static JsonNode offerOf(HostsHttp http, String hostId) {
        JsonNode items = json(http.get("/v1/offers?limit=1000", http.ownerKey)).path("items");
        for (JsonNode item : items) {
            if (item.path("host_id").asText().equals(hostId)) {
                return item;
            }
        }
        throw new AssertionError("no offer of " + hostId + " in " + items.size() + " offers");
    }

    private static int freeGpusOnOffer(HostsHttp http) {
        int gpus = 0;
        for (JsonNode item : json(http.get("/v1/offers?limit=1000", http.ownerKey)).path("items")) {
            gpus += item.path("num_gpus").asInt();
        }
        return gpus;
    }

    private long count(String sql, Object... args) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
