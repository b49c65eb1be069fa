package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.inventory.Tier;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementPipelineTest {

    private final PlacementPipeline pipeline = PlacementPipelines.standard();

    @Test
    void places_on_the_lowest_free_gpus_and_reserves_cpu_and_ram_per_gpu_and_disk_per_pod() {
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(host("h").gpus("RTX_4090", 4).freeGpus(1, 3).build()));

        PlacementDecision decision = pipeline.place(snapshot, PlacementRequest.forGpus(2).resources(6, 16, 50).build());

        PlacementPlan plan = ((PlacementDecision.Placed) decision).plan();
        assertThat(plan.hostId()).isEqualTo("h");
        assertThat(plan.gpuIndices()).containsExactly(1, 3);
        assertThat(plan.cpuCores()).isEqualTo(12);
        assertThat(plan.ramGb()).isEqualTo(32);
        assertThat(plan.diskGb()).isEqualTo(50);
        assertThat(plan.interruptible()).isFalse();
        assertThat(plan.gpuPricePerGpuHour()).isEqualTo(Money.parse("0.40"));
        assertThat(plan.score().byScorer()).containsOnlyKeys("value", "reliability", "bin-pack", "locality");
    }

    @Test
    void an_interruptible_plan_is_priced_at_the_pods_own_bid() {
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(host("h").offer("0.40", "0.20", "0", 1).build()));

        PlacementDecision decision = pipeline.place(snapshot,
                PlacementRequest.forGpus(2).interruptible(Money.parse("0.30")).build());

        PlacementPlan plan = ((PlacementDecision.Placed) decision).plan();
        assertThat(plan.interruptible()).isTrue();
        assertThat(plan.gpuPricePerGpuHour()).isEqualTo(Money.parse("0.30"));
        assertThat(plan.pricePerHour()).isEqualTo(Money.parse("0.60"));
    }

    @Test
    void prefers_better_value_among_otherwise_equal_hosts() {
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(
                host("a").onDemandPrice("0.60").build(),
                host("b").onDemandPrice("0.35").build(),
                host("c").onDemandPrice("0.50").build()));

        PlacementDecision decision = pipeline.place(snapshot, PlacementRequest.forGpus(1).build());

        assertThat(((PlacementDecision.Placed) decision).plan().hostId()).isEqualTo("b");
    }

    @Test
    void no_capacity_counts_each_host_once_against_the_first_rule_that_eliminated_it() {
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(
                host("full").free(0).build(),
                host("old-driver").cuda("11.8").build(),
                host("pricey").onDemandPrice("5.00").build(),
                host("h100").gpus("H100", 8).build(),
                host("full-and-old").free(0).cuda("11.8").build()));
        PlacementRequest request = PlacementRequest.forGpus(1).gpuModels("RTX_4090").minCudaVersion("12.4")
                .maxPricePerHour(Money.parse("2.00")).build();

        PlacementDecision decision = pipeline.place(snapshot, request);

        PlacementDecision.NoCapacity none = (PlacementDecision.NoCapacity) decision;
        assertThat(none.eliminatedBy()).containsExactly(
                java.util.Map.entry("gpu-model", 1), java.util.Map.entry("gpu-count", 2),
                java.util.Map.entry("cuda", 1), java.util.Map.entry("price", 1));
        assertThat(none.hostsConsidered()).isEqualTo(5);
        assertThat(none.exhaustive()).isTrue();
        assertThat(none.message()).isEqualTo("no host fits: 2 lack 1 free GPU, 1 has no GPUs with RTX_4090, "
                + "1 runs CUDA below 12.4, 1 is above your max price $2.00/h");
    }

    @Test
    void an_empty_market_says_so() {
        PlacementDecision decision = pipeline.place(InventorySnapshot.of(List.of()), PlacementRequest.forGpus(1).build());

        assertThat(((PlacementDecision.NoCapacity) decision).message()).isEqualTo("no host fits: the market has no hosts");
    }

    @Test
    void the_walk_stops_at_the_bound_on_hosts_examined_and_the_answer_says_how_many_were_looked_at() {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hosts.add(host("old-%02d".formatted(i)).cuda("12.2").build());
        }
        PlacementPipeline bounded = PlacementPipelines.standard(new PlacementLimits(1, 10));

        PlacementDecision.NoCapacity none = (PlacementDecision.NoCapacity) bounded.place(
                InventorySnapshot.of(hosts), PlacementRequest.forGpus(1).minCudaVersion("12.4").seed(3).build());

        assertThat(none.hostsConsidered()).isEqualTo(10);
        assertThat(none.exhaustive()).isFalse();
        assertThat(none.message()).isEqualTo(
                "no host fits among the 10 of 50 hosts looked at: 10 run CUDA below 12.4 (try again with another seed)");
    }

    @Test
    void a_model_where_no_host_has_enough_free_gpus_is_ruled_out_whole_and_counted_exactly() {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hosts.add(host("busy-%02d".formatted(i)).free(i % 2).build());
        }
        hosts.add(host("small-vram").gpus("RTX_3090", 8).build());
        PlacementPipeline bounded = PlacementPipelines.standard(new PlacementLimits(1, 10));

        PlacementDecision.NoCapacity none = (PlacementDecision.NoCapacity) bounded.place(InventorySnapshot.of(hosts),
                PlacementRequest.forGpus(2).gpuModels("RTX_4090").seed(3).build());

        assertThat(none.exhaustive()).as("no host needed examining, so every host is accounted for").isTrue();
        assertThat(none.eliminatedBy()).containsExactly(entry("gpu-model", 1), entry("gpu-count", 50));
        assertThat(none.message()).isEqualTo("no host fits: 50 lack 2 free GPUs, 1 has no GPUs with RTX_4090");
    }

    @Test
    void the_seed_chooses_where_the_sample_starts_so_different_seeds_spread_pods_over_equal_hosts() {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hosts.add(host("h%02d".formatted(i)).build());
        }
        InventorySnapshot snapshot = InventorySnapshot.of(hosts);
        PlacementPipeline sampleOfOne = PlacementPipelines.standard(new PlacementLimits(1, 100));

        Set<String> chosen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            PlacementDecision decision = sampleOfOne.place(snapshot, PlacementRequest.forGpus(1).seed(seed).build());
            chosen.add(((PlacementDecision.Placed) decision).plan().hostId());
            assertThat(sampleOfOne.place(snapshot, PlacementRequest.forGpus(1).seed(seed).build())).isEqualTo(decision);
        }
        assertThat(chosen).hasSizeGreaterThan(5);
    }

    @Test
    void rules_a_request_does_not_ask_for_are_skipped_and_every_rule_applies_when_asked() {
        List<PlacementFilter> all = List.of(new GpuModelFilter(), new GpuCountFilter(), new OfferFilter(),
                new TierFilter(), new VerifiedFilter(), new LocationFilter(), new ReliabilityFilter(),
                new CpuRamDiskFilter(), new CudaVersionFilter(), new PriceFilter());
        PlacementRequest plain = PlacementRequest.forGpus(1).build();
        PlacementRequest everything = PlacementRequest.forGpus(1).gpuModels("A100").tier(Tier.SECURE).requireVerified()
                .regions("us-east").minReliability(0.9).resources(1, 1, 1).minCudaVersion("12.0")
                .maxPricePerHour(Money.parse("1")).build();

        assertThat(all.stream().filter(filter -> filter.appliesTo(plain)).map(PlacementFilter::rule))
                .containsExactly("gpu-count", "offer");
        assertThat(all.stream().filter(filter -> filter.appliesTo(everything))).hasSameSizeAs(all);
    }

    @Test
    void requests_reject_malformed_fields_with_the_field_named() {
        assertThatThrownBy(() -> PlacementRequest.forGpus(0).build()).hasMessageContaining("gpuCount must be between 1 and 64");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).minReliability(1.5).build()).hasMessageContaining("minReliability");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).minScorePerGpu(Double.NaN).build()).hasMessageContaining("minScorePerGpu");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).resources(-1, 0, 0).build()).hasMessageContaining("cpuCoresPerGpu");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).minCudaVersion("twelve").build()).hasMessageContaining("minCudaVersion");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).maxPricePerHour(Money.ZERO).build()).hasMessageContaining("maxPricePerHour must be positive");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).interruptible(Money.parse("-0.01")).build()).hasMessageContaining("bidPerGpuHour");
        assertThatThrownBy(() -> PlacementRequest.forGpus(1).regions(" ").build()).hasMessageContaining("regions must not contain a blank");
        assertThatThrownBy(() -> new PlacementLimits(0, 10)).hasMessageContaining("feasibleCandidates");
        assertThat(PlacementRequest.forGpus(1).gpuModels("A100", "A100").build().gpuModels()).containsExactly("A100");
    }
}
