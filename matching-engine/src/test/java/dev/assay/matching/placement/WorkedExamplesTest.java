package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.matching.bidbook.Bid;
import dev.assay.matching.bidbook.BidBookPolicy;
import dev.assay.matching.bidbook.BookChange;
import dev.assay.matching.bidbook.HostBidBook;
import dev.assay.matching.bidbook.Preemption;
import dev.assay.matching.bidbook.PreemptionReason;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.pricing.Money;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of {@code docs/marketplace-rules.md}, with the numbers as written there. If this test
 * changes, the document changes with it.
 */
class WorkedExamplesTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private static Money usd(String amount) {
        return Money.parse(amount);
    }

    /** The market of the placement example: every host stores disk at $0.10/GB-month, score 100 per GPU. */
    private static InventorySnapshot market() {
        return InventorySnapshot.of(List.of(
                host("h1").gpus("RTX_4090", 8).cuda("12.4").offer("0.40", "0.20", "0.10", 1).reliability(0.99).build(),
                host("h2").gpus("RTX_4090", 4).freeGpus(2, 3).cuda("12.6").offer("0.45", "0.20", "0.10", 1)
                        .reliability(0.98).build(),
                host("h3").gpus("RTX_4090", 2).free(1).cuda("12.4").offer("0.40", "0.20", "0.10", 1).reliability(0.99).build(),
                host("h4").gpus("RTX_4090", 4).cuda("12.2").offer("0.40", "0.20", "0.10", 1).reliability(0.99).build(),
                host("h5").gpus("RTX_4090", 2).cuda("12.4").offer("0.70", "0.20", "0.10", 1).reliability(0.99).build(),
                host("h6").gpus("H100", 8).cuda("12.4").offer("2.00", "1.00", "0.10", 1).reliability(0.99).build()));
    }

    private static PlacementRequest.Builder request() {
        return PlacementRequest.forGpus(2).gpuModels("RTX_4090").minCudaVersion("12.4").resources(8, 32, 100)
                .minReliability(0.95);
    }

    @Test
    void placement_prefers_the_exact_fit_and_keeps_the_big_host_whole() {
        PlacementRequest request = request().maxPricePerHour(usd("1.20")).build();

        PlacementPlan plan = ((PlacementDecision.Placed) PlacementPipelines.standard().place(market(), request)).plan();

        assertThat(plan.hostId()).isEqualTo("h2");
        assertThat(plan.gpuIndices()).containsExactly(2, 3);
        assertThat(plan.cpuCores()).isEqualTo(16);
        assertThat(plan.ramGb()).isEqualTo(64);
        assertThat(plan.diskGb()).isEqualTo(100);
        assertThat(plan.gpuPricePerGpuHour()).isEqualTo(usd("0.45"));
        assertThat(plan.pricePerHour()).isEqualTo(usd("0.913699"));
        assertThat(plan.score().byScorer().get("value")).isCloseTo(0.5225, within(0.00005));
        assertThat(plan.score().byScorer().get("reliability")).isEqualTo(0.98);
        assertThat(plan.score().byScorer().get("bin-pack")).isEqualTo(1.0);
        assertThat(plan.score().byScorer().get("locality")).isEqualTo(1.0);
        assertThat(plan.score().total()).isCloseTo(0.7791, within(0.00005));

        // h1's numbers as the document gives them: it loses on bin-pack fit despite better value.
        double h1Value = new ValueScorer().score(request, market().host("h1").orElseThrow());
        double h1BinPack = new BinPackScorer().score(request, market().host("h1").orElseThrow());
        assertThat(h1Value).isCloseTo(0.5514, within(0.00005));
        assertThat(h1BinPack).isEqualTo(0.125);
        assertThat(0.45 * h1Value + 0.30 * 0.99 + 0.15 * h1BinPack + 0.10 * 1).isCloseTo(0.6639, within(0.00005));
        assertThat(PodPrice.mostPerHour(request, market().host("h1").orElseThrow().offer().orElseThrow()))
                .isEqualTo(usd("0.813699"));
        assertThat(PodPrice.mostPerHour(request, market().host("h5").orElseThrow().offer().orElseThrow()))
                .isEqualTo(usd("1.413699"));
    }

    @Test
    void placement_with_a_lower_maximum_price_says_which_rule_eliminated_how_many_hosts() {
        PlacementRequest request = request().maxPricePerHour(usd("0.80")).build();

        PlacementDecision.NoCapacity none = (PlacementDecision.NoCapacity) PlacementPipelines.standard().place(market(), request);

        assertThat(none.message()).isEqualTo("no host fits: 3 are above your max price $0.80/h, 1 has no GPUs with "
                + "RTX_4090, 1 lacks 2 free GPUs, 1 runs CUDA below 12.4");
        assertThat(none.eliminatedBy().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        assertThat(none.hostsConsidered()).isEqualTo(6);
    }

    @Test
    void interruptible_clearing_on_the_eight_gpu_host() {
        HostBidBook book = HostBidBook.open("h-4090x8", 8, usd("0.20"), BidBookPolicy.DEFAULT);

        // 1. A bids $0.35 for 4 GPUs: it runs and pays the minimum, $0.20.
        BookChange.Applied step = book.placeBid("A", 4, usd("0.35")).applied();
        assertThat(step.plan().start()).containsExactly("A");
        assertThat(step.plan().payablePerGpuHour()).isEqualTo(Map.of("A", usd("0.20")));

        // 2. B bids $0.30 for 2 GPUs: it runs; nobody waits, so both pay $0.20.
        step = step.book().placeBid("B", 2, usd("0.30")).applied();
        assertThat(step.plan().start()).containsExactly("B");
        assertThat(step.plan().clearingPrice().perGpuHour()).isEqualTo(usd("0.20"));

        // 3. C bids $0.25 for 4 GPUs: only 2 are left, so it waits, and the clearing price rises to $0.25.
        step = step.book().placeBid("C", 4, usd("0.25")).applied();
        assertThat(step.plan().isQuiet()).isTrue();
        assertThat(step.plan().payablePerGpuHour()).containsExactly(Map.entry("A", usd("0.25")), Map.entry("B", usd("0.25")));

        // 4. D bids $0.22 for 2 GPUs: it runs on the 2 GPUs C cannot use, and pays its own bid, $0.22.
        step = step.book().placeBid("D", 2, usd("0.22")).applied();
        assertThat(step.plan().start()).containsExactly("D");
        assertThat(step.plan().payablePerGpuHour()).containsExactly(
                Map.entry("A", usd("0.25")), Map.entry("B", usd("0.25")), Map.entry("D", usd("0.22")));
        assertThat(step.book().idleGpus()).isZero();

        // 5. An on-demand pod takes 4 GPUs: B and D stop (30 s grace); A keeps running and now pays $0.30,
        //    B's waiting bid.
        step = step.book().addOnDemand("OD", 4).applied();
        assertThat(step.plan().stop()).containsExactly(
                new Preemption("B", PreemptionReason.ON_DEMAND, GRACE, List.of("OD")),
                new Preemption("D", PreemptionReason.ON_DEMAND, GRACE, List.of("OD")));
        assertThat(step.plan().payablePerGpuHour()).isEqualTo(Map.of("A", usd("0.30")));

        // 6. E bids $0.50 for 4 GPUs: it outbids A, which stops; E pays $0.35, A's waiting bid.
        step = step.book().placeBid("E", 4, usd("0.50")).applied();
        assertThat(step.plan().start()).containsExactly("E");
        assertThat(step.plan().stop()).containsExactly(new Preemption("A", PreemptionReason.OUTBID, GRACE, List.of("E")));
        assertThat(step.plan().payablePerGpuHour()).isEqualTo(Map.of("E", usd("0.35")));

        // 7. The on-demand pod stops: A resumes on the 4 GPUs it frees; both pay $0.30 (B waits).
        step = step.book().removeOnDemand("OD").applied();
        assertThat(step.plan().start()).containsExactly("A");
        assertThat(step.plan().stop()).isEmpty();
        assertThat(step.plan().payablePerGpuHour()).containsExactly(Map.entry("E", usd("0.30")), Map.entry("A", usd("0.30")));
        assertThat(step.book().runningBids()).extracting(Bid::podId).containsExactly("E", "A");
    }
}
