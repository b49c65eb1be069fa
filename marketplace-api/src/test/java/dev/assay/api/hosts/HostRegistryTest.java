package dev.assay.api.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.market.MarketIndex;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.api.testing.MarketRows;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import dev.assay.reputation.plausibility.PlausibilityVerdict;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import dev.assay.reputation.score.AssayScore;
import dev.assay.reputation.score.MeasuredFigures;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HostRegistry: what it stores, what it refuses, and that the market index follows every write. */
@MicronautTest(transactional = false)
class HostRegistryTest {

    @Inject
    HostRegistry registry;

    @Inject
    MarketIndex index;

    @Inject
    DataSource dataSource;

    String orgId;

    @BeforeEach
    void organisation() {
        orgId = new MarketRows(dataSource).hostOrganisation("registry test");
    }

    @Test
    void registeringStoresTheHostAndScoresEachGpuFromItsFigures() {
        String hostId = registry.register(orgId, Machines.rtx4090s(2));

        assertThat(hostId).startsWith("hst_");
        assertThat(text("SELECT status || ',' || verification || ',' || listed || ',' || simulated FROM hosts WHERE id = ?",
                hostId)).isEqualToIgnoringCase("ONLINE,UNVERIFIED,false,true");
        assertThat(text("SELECT sku_id || ',' || model || ',' || compute_capability FROM host_gpus WHERE host_id = ?"
                + " AND gpu_index = 1", hostId)).isEqualTo("RTX_4090,RTX 4090,8.9");
        assertThat(real("SELECT score FROM host_gpus WHERE host_id = ? AND gpu_index = 0", hostId))
                .isCloseTo(AssayScore.of(Machines.RTX_4090_FIGURES), org.assertj.core.data.Offset.offset(1e-9));
        Host host = index.snapshot().host(hostId).orElseThrow();
        assertThat(host.gpuCount()).isEqualTo(2);
        assertThat(host.offer()).isEmpty();
        assertThat(host.simulated()).isTrue();
    }

    @Test
    void aMachineWithUnknownOrMixedGpusOrBadFieldsIsRefusedNamingEachField() {
        var mixed = Machines.rtx4090s(1);
        var withH100 = new MachineSpec(mixed.name(), mixed.tier(), mixed.region(), mixed.datacenter(),
                mixed.geolocation(), mixed.cpuCores(), mixed.ramGb(), mixed.diskGb(), 0, 0, 0, mixed.driverVersion(),
                mixed.cudaVersion(), java.util.List.of(mixed.gpus().getFirst(),
                        new GpuSpec("NVIDIA H100 80GB HBM3", Optional.empty(), 80, Machines.RTX_4090_FIGURES)), true);
        var bad = new MachineSpec("", null, "US East", "", "usa", 0, 0, -1, 0, 0, 0, "x", "twelve",
                java.util.List.of(new GpuSpec("Voodoo 5", Optional.empty(), 24, Machines.RTX_4090_FIGURES)), true);

        assertThat(problem(() -> registry.register(orgId, withH100)).fieldErrors()).containsKey("gpus[1].nvml_name");
        assertThat(problem(() -> registry.register(orgId, bad)).fieldErrors()).containsKeys("name", "tier", "region",
                "geolocation", "cpu_cores", "ram_gb", "disk_gb", "driver_version", "cuda_version", "gpus[0].nvml_name");
        assertThat(count("SELECT COUNT(*) FROM hosts WHERE org_id = ?", orgId)).isZero();
    }

    @Test
    void listingPutsTheOfferInTheMarketAndBumpsTheCapacityVersion() {
        String hostId = registry.register(orgId, Machines.rtx4090s(4));
        long before = count("SELECT capacity_version FROM hosts WHERE id = ?", hostId);

        registry.listOffer(orgId, hostId, Machines.offer("0.45", 2, null));

        assertThat(count("SELECT capacity_version FROM hosts WHERE id = ?", hostId)).isEqualTo(before + 1);
        var offer = index.snapshot().host(hostId).orElseThrow().offer().orElseThrow();
        assertThat(offer.onDemandPerGpuHour()).isEqualTo(Money.parse("0.45"));
        assertThat(offer.minGpusPerPod()).isEqualTo(2);

        registry.unlist(orgId, hostId);

        assertThat(index.snapshot().host(hostId).orElseThrow().offer()).isEmpty();
        assertThat(count("SELECT capacity_version FROM hosts WHERE id = ?", hostId)).isEqualTo(before + 2);
    }

    @Test
    void badOffersAreRefusedAndWriteNothing() {
        String hostId = registry.register(orgId, Machines.rtx4090s(2));
        long version = count("SELECT capacity_version FROM hosts WHERE id = ?", hostId);

        assertThat(problem(() -> registry.listOffer(orgId, hostId, Machines.offer("-0.01"))).fieldErrors())
                .containsKey("on_demand_per_gpu_hour");
        assertThat(problem(() -> registry.listOffer(orgId, hostId, Machines.offer("1000.01"))).fieldErrors())
                .containsKey("on_demand_per_gpu_hour");
        assertThat(problem(() -> registry.listOffer(orgId, hostId, Machines.offer("0.40", 0, null))).fieldErrors())
                .containsKey("min_gpus_per_pod");
        assertThat(problem(() -> registry.listOffer(orgId, hostId, Machines.offer("0.40", 3, null))).fieldErrors())
                .containsKey("min_gpus_per_pod");
        assertThat(problem(() -> registry.listOffer(orgId, hostId,
                Machines.offer("0.40", 1, Instant.now().minus(Duration.ofMinutes(1))))).fieldErrors())
                .containsKey("available_until");

        assertThat(count("SELECT capacity_version FROM hosts WHERE id = ?", hostId)).isEqualTo(version);
        assertThat(text("SELECT listed FROM hosts WHERE id = ?", hostId)).isEqualToIgnoringCase("false");
    }

    @Test
    void anotherOrganisationsHostIsNotFound() {
        String hostId = registry.register(orgId, Machines.rtx4090s(1));
        String other = new MarketRows(dataSource).hostOrganisation("someone else");

        assertThat(problem(() -> registry.listOffer(other, hostId, Machines.offer("0.40"))).type())
                .isEqualTo(ProblemType.NOT_FOUND);
        assertThat(problem(() -> registry.unlist(other, hostId)).type()).isEqualTo(ProblemType.NOT_FOUND);
    }

    @Test
    void anOfflineHostLeavesTheMarketAndReturnsWhenOnline() {
        String hostId = registry.register(orgId, Machines.rtx4090s(1));
        registry.listOffer(orgId, hostId, Machines.offer("0.40"));

        registry.setStatus(hostId, HostStatus.OFFLINE);
        assertThat(index.snapshot().host(hostId)).isEmpty();

        registry.setStatus(hostId, HostStatus.ONLINE);
        assertThat(index.snapshot().host(hostId)).isPresent();
    }

    @Test
    void verificationAndReliabilityReachTheIndex() {
        String hostId = registry.register(orgId, Machines.rtx4090s(1));

        registry.setVerification(hostId, VerificationState.VERIFIED);
        registry.recordReliability(hostId, new ReliabilityEstimate(0.99, 0.95, 1.0, 0.98, 0.97, 2, 200, 3,
                Duration.ofDays(30)));

        Host host = index.snapshot().host(hostId).orElseThrow();
        assertThat(host.verification()).isEqualTo(VerificationState.VERIFIED);
        assertThat(host.reliability()).isEqualTo(0.95);
        assertThat(host.uptime30d()).isEqualTo(0.97);
        assertThat(real("SELECT reliability_mean FROM hosts WHERE id = ?", hostId)).isEqualTo(0.99);
        assertThat(count("SELECT host_failures_30d FROM hosts WHERE id = ?", hostId)).isEqualTo(2);
    }

    @Test
    void aPlausibleBenchmarkSetsTheScoreAndAnImpossibleOneCannotRaiseIt() {
        String hostId = registry.register(orgId, Machines.rtx4090s(1));
        MeasuredFigures slower = new MeasuredFigures(140, 850, 65, 24);

        PlausibilityVerdict plausible = registry.recordBenchmark(hostId, 0, Machines.RTX_4090_FACTS, slower, true);
        double scored = real("SELECT score FROM host_gpus WHERE host_id = ?", hostId);
        PlausibilityVerdict impossible = registry.recordBenchmark(hostId, 0, Machines.RTX_4090_FACTS,
                new MeasuredFigures(900, 5000, 300, 60), true);
        PlausibilityVerdict suspicious = registry.recordBenchmark(hostId, 0,
                new dev.assay.reputation.plausibility.NvmlFacts("NVIDIA GeForce RTX 3090", 0x2204, 24_000, 384),
                new MeasuredFigures(160, 950, 75, 26), true);

        assertThat(plausible).isInstanceOf(PlausibilityVerdict.Plausible.class);
        assertThat(scored).isCloseTo(AssayScore.of(slower), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(impossible).isInstanceOf(PlausibilityVerdict.Impossible.class);
        assertThat(suspicious).isInstanceOf(PlausibilityVerdict.Suspicious.class);
        assertThat(real("SELECT score FROM host_gpus WHERE host_id = ?", hostId)).isEqualTo(scored);
        assertThat(index.snapshot().host(hostId).orElseThrow().scorePerGpu()).isEqualTo(scored);
        assertThat(count("SELECT COUNT(*) FROM benchmark_reports WHERE host_id = ? AND verdict = 'IMPOSSIBLE'"
                + " AND findings <> ''", hostId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM benchmark_reports WHERE host_id = ?", hostId)).isEqualTo(3);
    }

    @Test
    void aFleetIsRegisteredByTheSameRulesListedWithItsStateAndIndexedAtOnce() {
        ReliabilityEstimate estimate = new ReliabilityEstimate(0.97, 0.93, 1.0, 0.99, 0.96, 1, 100, 3,
                Duration.ofDays(30));
        OfferTerms terms = new OfferTerms(Money.ofMicros(400_000), Money.ofMicros(250_000), Money.ofMicros(100_000),
                1, Optional.empty());
        var machines = java.util.List.of(
                new HostRegistry.FleetMachine(Machines.rtx4090s(2), VerificationState.VERIFIED, estimate, terms),
                new HostRegistry.FleetMachine(Machines.rtx4090s(1), VerificationState.UNVERIFIED, estimate, terms));

        var ids = registry.registerFleet(orgId, machines, 42);

        assertThat(ids).hasSize(2).allMatch(id -> id.startsWith("hst_")).doesNotHaveDuplicates();
        assertThat(text("SELECT status || ',' || verification || ',' || listed || ',' || simulated || ','"
                + " || on_demand_micros || ',' || min_bid_micros || ',' || capacity_version FROM hosts WHERE id = ?",
                ids.getFirst())).isEqualToIgnoringCase("ONLINE,VERIFIED,true,true,400000,250000,0");
        assertThat(real("SELECT reliability FROM hosts WHERE id = ?", ids.getFirst())).isEqualTo(0.93);
        assertThat(real("SELECT score FROM host_gpus WHERE host_id = ? AND gpu_index = 1", ids.getFirst()))
                .isCloseTo(AssayScore.of(Machines.RTX_4090_FIGURES), org.assertj.core.data.Offset.offset(1e-9));
        // Seeded ids: the same fleet of another organisation (or another seed) gets other ids.
        String otherOrg = new MarketRows(dataSource).hostOrganisation("registry test 2");
        assertThat(registry.registerFleet(otherOrg, machines, 42)).doesNotContainAnyElementsOf(ids);
        Host indexed = index.snapshot().host(ids.get(1)).orElseThrow();
        assertThat(indexed.offer()).isPresent();
        assertThat(indexed.verification()).isEqualTo(VerificationState.UNVERIFIED);
        assertThat(indexed.reliability()).isEqualTo(0.93);
    }

    @Test
    void aFleetWithOneBadMachineOrOfferWritesNothing() {
        ReliabilityEstimate estimate = new ReliabilityEstimate(0.97, 0.93, 1.0, 0.99, 0.96, 1, 100, 3,
                Duration.ofDays(30));
        OfferTerms fine = new OfferTerms(Money.ofMicros(400_000), Money.ofMicros(250_000), Money.ofMicros(100_000),
                1, Optional.empty());
        OfferTerms tooManyGpusPerPod = new OfferTerms(Money.ofMicros(400_000), Money.ofMicros(250_000),
                Money.ofMicros(100_000), 3, Optional.empty());
        long before = index.snapshot().size();

        assertThat(problem(() -> registry.registerFleet(orgId, java.util.List.of(
                new HostRegistry.FleetMachine(Machines.rtx4090s(2), VerificationState.VERIFIED, estimate, fine),
                new HostRegistry.FleetMachine(Machines.rtx4090s(2), VerificationState.VERIFIED, estimate,
                        tooManyGpusPerPod)), 7)).type()).isEqualTo(ProblemType.VALIDATION);

        assertThat(real("SELECT COUNT(*) FROM hosts WHERE org_id = ?", orgId)).isZero();
        assertThat(index.snapshot().size()).isEqualTo(before);
    }

    private static ApiProblem problem(ThrowingCallable call) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class, call);
        assertThat(thrown).as("expected an ApiProblem").isNotNull();
        return thrown;
    }

    private long count(String sql, Object arg) {
        return ((Number) value(sql, arg)).longValue();
    }

    private double real(String sql, Object arg) {
        return ((Number) value(sql, arg)).doubleValue();
    }

    private String text(String sql, Object arg) {
        return String.valueOf(value(sql, arg));
    }

    private Object value(String sql, Object arg) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
