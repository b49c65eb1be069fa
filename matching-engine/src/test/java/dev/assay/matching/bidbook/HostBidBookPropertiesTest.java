package dev.assay.matching.bidbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.pricing.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * The bid book's rules over random sequences of operations, checked after every step against the
 * invariants and against a from-scratch model written independently of {@link Allocation}.
 */
class HostBidBookPropertiesTest {

    private static final BidBookPolicy POLICY = new BidBookPolicy(Duration.ofSeconds(30), 12);

    sealed interface Op {
    }

    record PlaceBid(String podId, int gpus, Money bid) implements Op {
    }

    record ChangeBid(String podId, Money bid) implements Op {
    }

    record CancelBid(String podId) implements Op {
    }

    record AddOnDemand(String podId, int gpus) implements Op {
    }

    record RemoveOnDemand(String podId) implements Op {
    }

    record ChangeMinimum(Money minimum) implements Op {
    }

    @Property(tries = 300)
    void every_step_keeps_the_rules(@ForAll @IntRange(min = 2, max = 8) int gpuCount,
                                    @ForAll("prices") Money minimum,
                                    @ForAll("operations") List<Op> ops) {
        HostBidBook book = HostBidBook.open("h", gpuCount, minimum, POLICY);
        Set<PreemptionReason> seen = new HashSet<>();
        for (Op op : ops) {
            if (!applicable(book, op)) {
                continue;
            }
            BookChange change = apply(book, op);
            switch (change) {
                case BookChange.Refused refused -> checkRefusalIsJustified(book, op, refused);
                case BookChange.Applied applied -> {
                    checkStep(book, op, applied);
                    applied.plan().stop().forEach(stop -> seen.add(stop.reason()));
                    book = applied.book();
                }
            }
        }
        // The generator must reach every kind of preemption, or the checks above prove little.
        for (PreemptionReason reason : PreemptionReason.values()) {
            Statistics.label(reason.name()).collect(seen.contains(reason));
        }
        Statistics.label(PreemptionReason.OUTBID.name()).coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        Statistics.label(PreemptionReason.ON_DEMAND.name()).coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        Statistics.label(PreemptionReason.BELOW_MINIMUM.name()).coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
    }

    private static void checkStep(HostBidBook before, Op op, BookChange.Applied applied) {
        HostBidBook after = applied.book();
        PreemptionPlan plan = applied.plan();

        // Never over-committed: on-demand and running bids fit in the host's GPUs.
        assertThat(after.onDemandGpus() + after.interruptibleGpusInUse()).isLessThanOrEqualTo(after.gpuCount());

        // The running set is what the rule says when recomputed from scratch, by an independent model
        // and by restoring the book from its contents.
        assertThat(ids(after.runningBids())).isEqualTo(referenceRunning(after));
        HostBidBook restored = HostBidBook.restore(after.hostId(), after.gpuCount(), after.minimumBidPerGpuHour(),
                POLICY, after.onDemandPods(), after.bids());
        assertThat(ids(restored.runningBids())).isEqualTo(ids(after.runningBids()));

        // No GPU idles while an eligible bid fits.
        for (Bid bid : after.bids()) {
            boolean eligible = bid.bidPerGpuHour().compareTo(after.minimumBidPerGpuHour()) >= 0;
            if (eligible && !after.runningBids().contains(bid)) {
                assertThat(bid.gpus()).isGreaterThan(after.idleGpus());
            }
        }

        // Clearing: every running pod pays at least the minimum and at most its own bid.
        assertThat(plan.clearingPrice()).isEqualTo(after.clearingPrice());
        assertThat(plan.payablePerGpuHour().keySet()).containsExactlyElementsOf(ids(after.runningBids()));
        for (Bid bid : after.runningBids()) {
            Money payable = plan.payablePerGpuHour().get(bid.podId());
            assertThat(payable).isLessThanOrEqualTo(bid.bidPerGpuHour());
            assertThat(payable).isGreaterThanOrEqualTo(after.minimumBidPerGpuHour());
        }

        // The plan takes the host from the old running set to the new one.
        Set<String> expected = new HashSet<>(ids(before.runningBids()));
        plan.stop().forEach(stop -> expected.remove(stop.podId()));
        if (op instanceof CancelBid cancel) {
            expected.remove(cancel.podId());
        }
        expected.addAll(plan.start());
        assertThat(expected).isEqualTo(new HashSet<>(ids(after.runningBids())));

        for (Preemption stop : plan.stop()) {
            checkPreemption(before, op, after, stop);
        }
    }

    /** Every preempted pod was displaced by on-demand use, by bids that outrank it, or by the minimum. */
    private static void checkPreemption(HostBidBook before, Op op, HostBidBook after, Preemption stop) {
        Bid stopped = bidOf(after, stop.podId());
        assertThat(stop.gracePeriod()).isEqualTo(POLICY.gracePeriod());
        assertThat(bidOf(before, stop.podId())).isIn(before.runningBids());
        switch (stop.reason()) {
            case ON_DEMAND -> assertThat(op).isInstanceOf(AddOnDemand.class);
            case BELOW_MINIMUM -> assertThat(stopped.bidPerGpuHour()).isLessThan(after.minimumBidPerGpuHour());
            case OUTBID -> {
                assertThat(stop.displacedBy()).isNotEmpty();
                for (String displacer : stop.displacedBy()) {
                    Bid winner = bidOf(after, displacer);
                    assertThat(after.runningBids()).contains(winner);
                    assertThat(winner.outranks(stopped)).isTrue();
                    assertThat(winner.bidPerGpuHour()).isGreaterThanOrEqualTo(stopped.bidPerGpuHour());
                }
            }
        }
        // A new or raised bid only ever preempts strictly lower bids.
        if (op instanceof PlaceBid place) {
            assertThat(stopped.bidPerGpuHour()).isLessThan(place.bid());
        }
        if (op instanceof ChangeBid change && change.bid().compareTo(bidOf(before, change.podId()).bidPerGpuHour()) > 0) {
            assertThat(stopped.bidPerGpuHour()).isLessThan(change.bid());
        }
        // Lowering the minimum or a bid entering the book below it never stops anyone.
        if (op instanceof ChangeMinimum change) {
            assertThat(change.minimum()).isGreaterThan(before.minimumBidPerGpuHour());
        }
    }

    private static void checkRefusalIsJustified(HostBidBook book, Op op, BookChange.Refused refused) {
        switch (refused.refusal()) {
            case BOOK_FULL -> {
                assertThat(op).isInstanceOf(PlaceBid.class);
                assertThat(book.bids()).hasSize(POLICY.maxBidsPerHost());
            }
            case NO_ON_DEMAND_CAPACITY -> {
                // On-demand comes first: only other on-demand pods can keep one out.
                AddOnDemand add = (AddOnDemand) op;
                assertThat(add.gpus()).isGreaterThan(book.gpuCount() - book.onDemandGpus());
            }
        }
    }

    /** The rule, written from its words: on-demand first, then bids by price then time, each whole or not at all. */
    private static List<String> referenceRunning(HostBidBook book) {
        int left = book.gpuCount() - book.onDemandPods().stream().mapToInt(OnDemandPod::gpus).sum();
        List<Bid> byPriceThenTime = new ArrayList<>(book.bids());
        byPriceThenTime.sort(Comparator.comparing((Bid bid) -> bid.bidPerGpuHour().micros()).reversed()
                .thenComparing(Bid::sequence));
        List<String> running = new ArrayList<>();
        for (Bid bid : byPriceThenTime) {
            boolean atOrAboveMinimum = bid.bidPerGpuHour().micros() >= book.minimumBidPerGpuHour().micros();
            if (atOrAboveMinimum && bid.gpus() <= left) {
                running.add(bid.podId());
                left -= bid.gpus();
            }
        }
        return running;
    }

    private static boolean applicable(HostBidBook book, Op op) {
        Set<String> bids = new HashSet<>(ids(book.bids()));
        Set<String> onDemand = new HashSet<>(book.onDemandPods().stream().map(OnDemandPod::podId).toList());
        return switch (op) {
            case PlaceBid place -> !bids.contains(place.podId()) && !onDemand.contains(place.podId())
                    && place.gpus() <= book.gpuCount();
            case AddOnDemand add -> !bids.contains(add.podId()) && !onDemand.contains(add.podId())
                    && add.gpus() <= book.gpuCount();
            case ChangeBid change -> bids.contains(change.podId());
            case CancelBid cancel -> bids.contains(cancel.podId());
            case RemoveOnDemand remove -> onDemand.contains(remove.podId());
            case ChangeMinimum ignored -> true;
        };
    }

    private static BookChange apply(HostBidBook book, Op op) {
        return switch (op) {
            case PlaceBid place -> book.placeBid(place.podId(), place.gpus(), place.bid());
            case ChangeBid change -> book.changeBid(change.podId(), change.bid());
            case CancelBid cancel -> book.cancelBid(cancel.podId());
            case AddOnDemand add -> book.addOnDemand(add.podId(), add.gpus());
            case RemoveOnDemand remove -> book.removeOnDemand(remove.podId());
            case ChangeMinimum change -> book.changeMinimumBid(change.minimum());
        };
    }

    private static Bid bidOf(HostBidBook book, String podId) {
        return book.bids().stream().filter(bid -> bid.podId().equals(podId)).findFirst().orElseThrow();
    }

    private static List<String> ids(List<Bid> bids) {
        return bids.stream().map(Bid::podId).toList();
    }

    @Provide
    Arbitrary<Money> prices() {
        // Few distinct prices, so ties (and the time rule) come up often.
        return Arbitraries.integers().between(0, 8).map(tenths -> Money.ofMicros(tenths * 100_000L));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> pods = Arbitraries.integers().between(0, 9).map(i -> "p" + i);
        Arbitrary<Integer> gpus = Arbitraries.integers().between(1, 8);
        Arbitrary<Op> op = Arbitraries.oneOf(
                Combinators.combine(pods, gpus, prices()).as(PlaceBid::new),
                Combinators.combine(pods, gpus, prices()).as(PlaceBid::new),
                Combinators.combine(pods, prices()).as(ChangeBid::new),
                pods.map(CancelBid::new),
                Combinators.combine(pods, gpus).as(AddOnDemand::new),
                pods.map(RemoveOnDemand::new),
                prices().map(ChangeMinimum::new));
        return op.list().ofMinSize(20).ofMaxSize(80);
    }
}
