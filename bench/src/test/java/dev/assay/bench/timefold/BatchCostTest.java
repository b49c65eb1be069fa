package dev.assay.bench.timefold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.GpuFacts;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementPipelines;
import dev.assay.matching.placement.PlacementRequest;
import dev.assay.pricing.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (c)'s cost on a market small enough to work out by hand: host A has two free RTX 4090s at
 * $0.40/GPU-h, host B one at $0.50; storage is $0.10/GB-month and each pod takes 73 GB, i.e. exactly
 * $0.01/h (0.10 × 73 ÷ 730). Four 1-GPU pods: three fit (A, A, B), whatever the ranking, and one cannot.
 */
class BatchCostTest {

    private static final List<Host> HOSTS = List.of(host("host-a", 2, "0.40"), host("host-b", 1, "0.50"));
    private static final List<PlacementRequest> PODS = pods(4);
    /** $0.41 + $0.41 + $0.51. */
    private static final long PLACED_MICROS = 1_330_000;

    @Test
    void greedyPaysThePriceOfEachPlacedPodAndThePenaltyForTheOneLeftOver() {
        BatchCost cost = GreedyBatch.place(HOSTS, PODS, PlacementPipelines.standard());

        assertThat(cost).isEqualTo(new BatchCost(PLACED_MICROS, 1));
        assertThat(cost.totalMicrosPerHour()).isEqualTo(PLACED_MICROS + BatchCost.UNPLACED_PENALTY_MICROS);
    }

    @Test
    void greedyReservesWhatItPlaced() {
        // Without reserving, every pod would see host A's two free GPUs and all four would be "placed".
        assertThat(GreedyBatch.place(HOSTS, pods(3), PlacementPipelines.standard()))
                .isEqualTo(new BatchCost(PLACED_MICROS, 0));
        assertThat(GreedyBatch.place(HOSTS, List.of(), PlacementPipelines.standard()))
                .isEqualTo(new BatchCost(0, 0));
    }

    @Test
    void theTimefoldModelCostsAnAssignmentTheSameWay() {
        PlacementBatch batch = TimefoldBaseline.problem(HOSTS, PODS, PlacementPipelines.standard());
        List<PodAssignment> pods = batch.getPods();
        assertThat(pods).allSatisfy(pod -> assertThat(pod.getFeasibleHosts()).hasSize(2));
        HostCapacity a = batch.getHosts().get(0);
        HostCapacity b = batch.getHosts().get(1);
        pods.get(0).setHost(a);
        pods.get(1).setHost(b);
        pods.get(2).setHost(a);

        assertThat(TimefoldBaseline.cost(pods)).isEqualTo(new BatchCost(PLACED_MICROS, 1));
    }

    @Test
    void timefoldFindsTheOptimumOfTheHandMadeBatchWithoutOvercommitting() {
        TimefoldBaseline.Outcome outcome = TimefoldBaseline.run(HOSTS, PODS, Duration.ofSeconds(2));

        assertThat(outcome.timefoldHardScore()).isZero();
        assertThat(outcome.timefold()).isEqualTo(new BatchCost(PLACED_MICROS, 1));
        assertThat(outcome.greedy()).isEqualTo(outcome.timefold());
        assertThat(outcome.priceGreedy()).isEqualTo(outcome.timefold());
    }

    @Test
    void thePriceOnlyGreedyTakesTheCheapestHostLeftForEachPod() {
        // Host B is cheaper here, so the first pod goes to B, the next two to A; the fourth fits nowhere.
        List<Host> hosts = List.of(host("host-a", 2, "0.40"), host("host-b", 1, "0.30"));
        PlacementPipeline cheapest = TimefoldBaseline.priceOnlyPipeline();

        PlacementDecision first = cheapest.place(InventorySnapshot.of(hosts), PODS.getFirst());

        assertThat(((PlacementDecision.Placed) first).plan().hostId()).isEqualTo("host-b");
        assertThat(GreedyBatch.place(hosts, PODS, cheapest)).isEqualTo(new BatchCost(310_000 + 410_000 + 410_000, 1));
    }

    @Test
    void aNegativeCostIsRejected() {
        assertThatThrownBy(() -> new BatchCost(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("placedMicrosPerHour");
    }

    private static List<PlacementRequest> pods(int count) {
        List<PlacementRequest> pods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pods.add(PlacementRequest.forGpus(1).gpuModels("RTX_4090").resources(2, 8, 73).seed(i).build());
        }
        return pods;
    }

    private static Host host(String id, int gpus, String pricePerGpuHour) {
        List<GpuFacts> facts = new ArrayList<>();
        BitSet free = new BitSet();
        for (int g = 0; g < gpus; g++) {
            facts.add(new GpuFacts(g, "RTX_4090", "RTX 4090", 24, 150, 60, 900, 24, 92, "8.9"));
            free.set(g);
        }
        return new Host(id, Tier.COMMUNITY, "eu-west", "", "FR", VerificationState.VERIFIED, 0.95, 0.96,
                8 * gpus, 32L * gpus, 500L * gpus, 2000, 1000, 1000, "550.54.15", "12.4", facts,
                new FreeCapacity(free, 8 * gpus, 32L * gpus, 500L * gpus),
                Optional.of(new HostOffer(Money.parse(pricePerGpuHour), Money.parse("0.10"), Money.parse("0.10"), 1)),
                true);
    }
}
