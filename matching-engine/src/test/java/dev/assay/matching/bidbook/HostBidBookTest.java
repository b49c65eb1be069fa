package dev.assay.matching.bidbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.Money;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostBidBookTest {

    private static final BidBookPolicy POLICY = new BidBookPolicy(Duration.ofSeconds(45), 4);

    private static HostBidBook book(int gpus, String minimumBid) {
        return HostBidBook.open("host-1", gpus, Money.parse(minimumBid), POLICY);
    }

    private static Money usd(String amount) {
        return Money.parse(amount);
    }

    private static List<String> running(HostBidBook book) {
        return book.runningBids().stream().map(Bid::podId).toList();
    }

    @Test
    void a_bid_at_or_above_the_minimum_runs_on_free_gpus_and_pays_the_minimum_when_nobody_waits() {
        BookChange.Applied change = book(4, "0.20").placeBid("a", 2, usd("0.50")).applied();

        assertThat(change.plan().start()).containsExactly("a");
        assertThat(change.plan().stop()).isEmpty();
        assertThat(change.book().status("a")).contains(new BidStatus.Running(usd("0.20")));
        assertThat(change.plan().payablePerGpuHour()).containsEntry("a", usd("0.20"));
    }

    @Test
    void a_bid_below_the_minimum_waits_with_reason_below_minimum() {
        BookChange.Applied change = book(4, "0.20").placeBid("a", 1, usd("0.19")).applied();

        assertThat(change.plan().isQuiet()).isTrue();
        assertThat(change.book().status("a")).contains(new BidStatus.Waiting(BidStatus.WaitReason.BELOW_MINIMUM));
        assertThat(change.book().idleGpus()).isEqualTo(4);
    }

    @Test
    void a_higher_bid_preempts_the_lowest_running_pod_with_the_grace_period_and_names_itself() {
        HostBidBook book = book(4, "0.10")
                .placeBid("low", 2, usd("0.30")).applied().book()
                .placeBid("mid", 2, usd("0.40")).applied().book();

        BookChange.Applied change = book.placeBid("high", 2, usd("0.90")).applied();

        assertThat(change.plan().start()).containsExactly("high");
        assertThat(change.plan().stop()).containsExactly(
                new Preemption("low", PreemptionReason.OUTBID, Duration.ofSeconds(45), List.of("high")));
        // "low" now waits at $0.30: the clearing price, capped at each running pod's own bid.
        assertThat(change.plan().clearingPrice().perGpuHour()).isEqualTo(usd("0.30"));
        assertThat(change.plan().payablePerGpuHour()).containsExactly(
                java.util.Map.entry("high", usd("0.30")), java.util.Map.entry("mid", usd("0.30")));
        assertThat(change.book().status("low"))
                .contains(new BidStatus.Waiting(BidStatus.WaitReason.NOT_ENOUGH_FREE_GPUS));
    }

    @Test
    void an_equal_bid_does_not_preempt_the_earlier_one() {
        HostBidBook book = book(2, "0.10").placeBid("first", 2, usd("0.50")).applied().book();

        BookChange.Applied change = book.placeBid("second", 2, usd("0.50")).applied();

        assertThat(change.plan().isQuiet()).isTrue();
        assertThat(running(change.book())).containsExactly("first");
    }

    @Test
    void re_pricing_a_bid_puts_it_behind_equal_bids_already_in_the_book() {
        HostBidBook book = book(2, "0.10")
                .placeBid("a", 2, usd("0.50")).applied().book()
                .placeBid("b", 2, usd("0.40")).applied().book();

        BookChange.Applied change = book.changeBid("b", usd("0.50")).applied();

        assertThat(change.plan().isQuiet()).isTrue();
        assertThat(running(change.book())).containsExactly("a");
        assertThat(change.book().bids()).extracting(Bid::podId).containsExactly("a", "b");
    }

    @Test
    void on_demand_comes_first_and_preempts_the_lowest_bids_it_needs() {
        HostBidBook book = book(4, "0.10")
                .placeBid("x", 2, usd("0.60")).applied().book()
                .placeBid("y", 2, usd("0.50")).applied().book();

        BookChange.Applied change = book.addOnDemand("od", 1).applied();

        assertThat(change.plan().stop()).containsExactly(
                new Preemption("y", PreemptionReason.ON_DEMAND, Duration.ofSeconds(45), List.of("od")));
        assertThat(running(change.book())).containsExactly("x");
        assertThat(change.book().onDemandGpus()).isEqualTo(1);
        assertThat(change.book().idleGpus()).isEqualTo(1);
    }

    @Test
    void a_smaller_lower_bid_runs_on_leftover_gpus_while_a_bigger_higher_bid_cannot_fit() {
        HostBidBook book = book(4, "0.10").addOnDemand("od", 1).applied().book();

        BookChange.Applied big = book.placeBid("big", 4, usd("0.90")).applied();
        BookChange.Applied small = big.book().placeBid("small", 2, usd("0.20")).applied();

        assertThat(big.book().status("big")).contains(new BidStatus.Waiting(BidStatus.WaitReason.NOT_ENOUGH_FREE_GPUS));
        assertThat(small.plan().start()).containsExactly("small");
        // The waiting $0.90 sets the clearing price; "small" pays no more than its own bid.
        assertThat(small.plan().payablePerGpuHour()).containsEntry("small", usd("0.20"));

        BookChange.Applied onDemandLeaves = small.book().removeOnDemand("od").applied();

        assertThat(onDemandLeaves.plan().start()).containsExactly("big");
        assertThat(onDemandLeaves.plan().stop()).containsExactly(
                new Preemption("small", PreemptionReason.OUTBID, Duration.ofSeconds(45), List.of("big")));
    }

    @Test
    void raising_the_minimum_stops_running_pods_below_it_and_lowering_it_starts_them_again() {
        HostBidBook book = book(4, "0.10")
                .placeBid("a", 2, usd("0.50")).applied().book()
                .placeBid("b", 2, usd("0.20")).applied().book();

        BookChange.Applied raised = book.changeMinimumBid(usd("0.30")).applied();
        BookChange.Applied lowered = raised.book().changeMinimumBid(usd("0.20")).applied();

        assertThat(raised.plan().stop()).containsExactly(
                new Preemption("b", PreemptionReason.BELOW_MINIMUM, Duration.ofSeconds(45), List.of()));
        assertThat(raised.plan().payablePerGpuHour()).containsEntry("a", usd("0.30"));
        assertThat(lowered.plan().start()).containsExactly("b");
        assertThat(lowered.plan().stop()).isEmpty();
    }

    @Test
    void cancelling_a_running_bid_starts_the_next_one_and_does_not_list_the_cancelled_pod_as_preempted() {
        HostBidBook book = book(2, "0.10")
                .placeBid("a", 2, usd("0.50")).applied().book()
                .placeBid("b", 2, usd("0.40")).applied().book();

        BookChange.Applied change = book.cancelBid("a").applied();

        assertThat(change.plan().stop()).isEmpty();
        assertThat(change.plan().start()).containsExactly("b");
        assertThat(change.book().status("a")).isEmpty();
        assertThat(change.plan().clearingPrice().perGpuHour()).isEqualTo(usd("0.10"));
    }

    @Test
    void lowering_a_bid_below_a_waiting_one_hands_its_gpus_over() {
        HostBidBook book = book(2, "0.10")
                .placeBid("a", 2, usd("0.50")).applied().book()
                .placeBid("b", 2, usd("0.40")).applied().book();

        BookChange.Applied change = book.changeBid("a", usd("0.30")).applied();

        assertThat(change.plan().stop()).containsExactly(
                new Preemption("a", PreemptionReason.OUTBID, Duration.ofSeconds(45), List.of("b")));
        assertThat(change.plan().start()).containsExactly("b");
        assertThat(change.plan().payablePerGpuHour()).containsExactly(java.util.Map.entry("b", usd("0.30")));
    }

    @Test
    void a_full_book_refuses_another_bid_and_stays_unchanged() {
        HostBidBook book = book(1, "0.10");
        for (int i = 0; i < POLICY.maxBidsPerHost(); i++) {
            book = book.placeBid("p" + i, 1, usd("0.20")).applied().book();
        }

        BookChange change = book.placeBid("one-more", 1, usd("9.00"));

        assertThat(change).isInstanceOf(BookChange.Refused.class);
        assertThat(((BookChange.Refused) change).refusal()).isEqualTo(BookChange.Refusal.BOOK_FULL);
        assertThat(book.bids()).hasSize(POLICY.maxBidsPerHost());
    }

    @Test
    void on_demand_beyond_the_gpus_free_of_on_demand_is_refused_with_numbers() {
        HostBidBook book = book(4, "0.10").addOnDemand("od1", 3).applied().book()
                .placeBid("a", 1, usd("0.90")).applied().book();

        BookChange change = book.addOnDemand("od2", 2);

        assertThat(change).isEqualTo(new BookChange.Refused(BookChange.Refusal.NO_ON_DEMAND_CAPACITY,
                "host host-1 has 1 GPUs free of on-demand pods, the pod asks for 2"));
    }

    @Test
    void malformed_requests_are_rejected_with_the_field_named() {
        HostBidBook book = book(4, "0.10").placeBid("a", 1, usd("0.50")).applied().book();

        assertThatThrownBy(() -> book.placeBid("a", 1, usd("0.50"))).hasMessageContaining("already in the book");
        assertThatThrownBy(() -> book.placeBid("b", 5, usd("0.50"))).hasMessageContaining("gpus must be between 1 and 4");
        assertThatThrownBy(() -> book.placeBid("b", 0, usd("0.50"))).hasMessageContaining("gpus must be between 1 and 4");
        assertThatThrownBy(() -> book.placeBid("b", 1, usd("-0.01"))).hasMessageContaining("bidPerGpuHour must not be negative");
        assertThatThrownBy(() -> book.changeBid("nobody", usd("0.50"))).hasMessageContaining("has no bid");
        assertThatThrownBy(() -> book.cancelBid(" ")).hasMessageContaining("podId must not be blank");
        assertThatThrownBy(() -> book.removeOnDemand("a")).hasMessageContaining("not an on-demand pod");
        assertThatThrownBy(() -> book.changeMinimumBid(usd("-1"))).hasMessageContaining("minimumBidPerGpuHour");
        assertThatThrownBy(() -> HostBidBook.open("h", 0, usd("0.10"), POLICY)).hasMessageContaining("gpuCount");
        assertThatThrownBy(() -> new BidBookPolicy(Duration.ofSeconds(-1), 10)).hasMessageContaining("gracePeriod");
    }

    @Test
    void restore_recomputes_the_running_set_and_continues_the_sequence() {
        HostBidBook restored = HostBidBook.restore("host-1", 4, usd("0.10"), POLICY,
                List.of(new OnDemandPod("od", 2)),
                List.of(new Bid("late", 2, usd("0.50"), 7), new Bid("early", 2, usd("0.50"), 3)));

        assertThat(running(restored)).containsExactly("early");
        BookChange.Applied next = restored.placeBid("new", 1, usd("0.50")).applied();
        assertThat(next.book().bids()).extracting(Bid::sequence).containsExactly(3L, 7L, 8L);
        assertThatThrownBy(() -> HostBidBook.restore("host-1", 4, usd("0.10"), POLICY, List.of(),
                List.of(new Bid("a", 1, usd("0.50"), 1), new Bid("b", 1, usd("0.50"), 1))))
                .hasMessageContaining("share sequence 1");
    }
}
