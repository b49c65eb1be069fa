package dev.assay.matching.bidbook;

import dev.assay.pricing.ClearingPrice;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interruptible market of one host: its on-demand pods, the bids for the rest of its GPUs, and which
 * bids run.
 *
 * <h2>The rule</h2>
 * <ol>
 *   <li>On-demand pods come first and are never preempted. An on-demand pod is accepted only if the GPUs
 *       not held by other on-demand pods cover it.</li>
 *   <li>The GPUs left go to bids at or above the host's minimum bid, in rank order: higher bid first,
 *       ties to the earlier bid. A bid runs only on all the GPUs it asks for, on this host. A bid that does
 *       not fit does not block smaller, lower bids from running on what is left (see {@link Allocation}).</li>
 *   <li>A running pod pays the host's clearing price: the larger of the minimum bid and the highest bid
 *       still waiting (see {@link ClearingPrice}), never more than its own bid.</li>
 *   <li>Placing or re-pricing a bid gives it the next sequence number: a re-priced bid goes behind the
 *       bids of the same price already in the book. (A raise that kept its old place could preempt a pod
 *       of the same price; this way every pod a raise or a new bid preempts has a strictly lower bid.)</li>
 * </ol>
 * Which bids run depends only on the book's contents (on-demand pods, bids with their sequence numbers,
 * minimum bid), never on the order of past operations: {@link #restore} rebuilds the same book from them.
 *
 * <h2>Contract</h2>
 * Immutable and thread-safe. Every operation returns a {@link BookChange}: {@link BookChange.Applied} with
 * the new book and a {@link PreemptionPlan}, or {@link BookChange.Refused} for a market refusal (book full,
 * no on-demand capacity). Malformed requests (blank or duplicate pod id, unknown pod, GPUs below 1 or
 * above the host's, negative money) throw {@link IllegalArgumentException}. Each operation copies the
 * host's bids: O(bids) time and memory, bounded by {@link BidBookPolicy#maxBidsPerHost()}.
 */
public final class HostBidBook {

    private static final Comparator<Bid> RANK = Comparator.comparing(Bid::bidPerGpuHour).reversed()
            .thenComparingLong(Bid::sequence);

    private final String hostId;
    private final int gpuCount;
    private final Money minimumBidPerGpuHour;
    private final BidBookPolicy policy;
    private final List<OnDemandPod> onDemandPods;
    private final int onDemandGpus;
    private final Bid[] ranked;
    private final boolean[] running;
    private final long nextSequence;

    private HostBidBook(String hostId, int gpuCount, Money minimumBidPerGpuHour, BidBookPolicy policy,
                        List<OnDemandPod> onDemandPods, Bid[] ranked, long nextSequence) {
        this.hostId = hostId;
        this.gpuCount = gpuCount;
        this.minimumBidPerGpuHour = minimumBidPerGpuHour;
        this.policy = policy;
        this.onDemandPods = List.copyOf(onDemandPods);
        this.onDemandGpus = this.onDemandPods.stream().mapToInt(OnDemandPod::gpus).sum();
        this.ranked = ranked;
        this.nextSequence = nextSequence;
        this.running = Allocation.running(ranked, gpuCount - onDemandGpus, minimumBidPerGpuHour);
    }

    /**
     * An empty book for a host.
     *
     * @throws IllegalArgumentException if the host id is blank, {@code gpuCount < 1}, the minimum bid is
     *     missing or negative, or the policy is missing
     */
    public static HostBidBook open(String hostId, int gpuCount, Money minimumBidPerGpuHour, BidBookPolicy policy) {
        return restore(hostId, gpuCount, minimumBidPerGpuHour, policy, List.of(), List.of());
    }

    /**
     * A book rebuilt from its contents, for example after a restart. Which bids run is recomputed by the
     * rule; later bids get sequence numbers above every sequence in {@code bids}.
     *
     * @throws IllegalArgumentException as {@link #open}, and if a pod id appears twice, two bids share a
     *     sequence number, a pod asks for more GPUs than the host has, the on-demand pods need more GPUs than
     *     the host has, or there are more bids than {@link BidBookPolicy#maxBidsPerHost()}
     */
    public static HostBidBook restore(String hostId, int gpuCount, Money minimumBidPerGpuHour, BidBookPolicy policy,
                                      List<OnDemandPod> onDemandPods, List<Bid> bids) {
        if (hostId == null || hostId.isBlank()) {
            throw new IllegalArgumentException("hostId must not be blank");
        }
        if (gpuCount < 1) {
            throw new IllegalArgumentException("gpuCount must be at least 1, was " + gpuCount);
        }
        BookArguments.requireNonNegative(minimumBidPerGpuHour, "minimumBidPerGpuHour");
        if (policy == null || onDemandPods == null || bids == null) {
            throw new IllegalArgumentException("policy, onDemandPods and bids are required");
        }
        if (bids.size() > policy.maxBidsPerHost()) {
            throw new IllegalArgumentException("host " + hostId + " may hold at most " + policy.maxBidsPerHost()
                    + " bids, got " + bids.size());
        }
        Set<String> podIds = new HashSet<>();
        Set<Long> sequences = new HashSet<>();
        long onDemandGpus = 0;
        for (OnDemandPod pod : onDemandPods) {
            requireNewPod(podIds, pod.podId(), hostId);
            onDemandGpus += pod.gpus();
        }
        if (onDemandGpus > gpuCount) {
            throw new IllegalArgumentException("on-demand pods on host " + hostId + " hold " + onDemandGpus
                    + " GPUs but the host has " + gpuCount);
        }
        long nextSequence = 0;
        for (Bid bid : bids) {
            requireNewPod(podIds, bid.podId(), hostId);
            requireFitsHost(bid.gpus(), gpuCount, hostId);
            if (!sequences.add(bid.sequence())) {
                throw new IllegalArgumentException("two bids on host " + hostId + " share sequence " + bid.sequence());
            }
            nextSequence = Math.max(nextSequence, bid.sequence() + 1);
        }
        Bid[] ranked = bids.toArray(Bid[]::new);
        Arrays.sort(ranked, RANK);
        return new HostBidBook(hostId, gpuCount, minimumBidPerGpuHour, policy, onDemandPods, ranked, nextSequence);
    }

    // ---- operations ----

    /**
     * Adds a bid of {@code bidPerGpuHour} for {@code gpus} GPUs. It runs at once if it wins GPUs; otherwise
     * it waits. A bid below the minimum is accepted and waits ({@link BidStatus.WaitReason#BELOW_MINIMUM}).
     *
     * @return the applied change (pods the bid preempts, each with a strictly lower bid), or
     *     {@link BookChange.Refusal#BOOK_FULL}
     * @throws IllegalArgumentException if the pod id is blank or already in the book, {@code gpus} is not in
     *     [1, GPUs of the host], or the bid is missing or negative
     */
    public BookChange placeBid(String podId, int gpus, Money bidPerGpuHour) {
        requireNewPod(podIdsInBook(), podId, hostId);
        requireFitsHost(gpus, gpuCount, hostId);
        Bid bid = new Bid(podId, gpus, bidPerGpuHour, nextSequence);
        if (ranked.length >= policy.maxBidsPerHost()) {
            return new BookChange.Refused(BookChange.Refusal.BOOK_FULL, "host " + hostId + " already holds "
                    + ranked.length + " bids, the most it may hold");
        }
        Bid[] bids = Arrays.copyOf(ranked, ranked.length + 1);
        bids[ranked.length] = bid;
        return applyBids(bids, nextSequence + 1, Cause.NONE);
    }

    /**
     * Raises or lowers a bid. The bid takes the next sequence number (it goes behind equal bids already in
     * the book), even when the price is unchanged.
     *
     * @throws IllegalArgumentException if the pod has no bid in this book or the new bid is missing or negative
     */
    public BookChange changeBid(String podId, Money newBidPerGpuHour) {
        int index = indexOfBid(podId);
        Bid[] bids = ranked.clone();
        bids[index] = new Bid(podId, ranked[index].gpus(), newBidPerGpuHour, nextSequence);
        return applyBids(bids, nextSequence + 1, Cause.NONE);
    }

    /**
     * Removes a bid. Its pod, if running, is stopped by its own renter and is not listed in the plan's
     * stops. The GPUs it frees go to waiting bids; when a waiting bid that fits now outranks pods that ran
     * on leftover GPUs (see {@link Allocation}), those pods are preempted as {@link PreemptionReason#OUTBID}.
     *
     * @throws IllegalArgumentException if the pod has no bid in this book
     */
    public BookChange cancelBid(String podId) {
        int index = indexOfBid(podId);
        Bid[] bids = new Bid[ranked.length - 1];
        System.arraycopy(ranked, 0, bids, 0, index);
        System.arraycopy(ranked, index + 1, bids, index, ranked.length - index - 1);
        return applyBids(bids, nextSequence, Cause.removed(podId));
    }

    /**
     * Adds an on-demand pod; it preempts interruptible pods as needed ({@link PreemptionReason#ON_DEMAND}).
     *
     * @return the applied change, or {@link BookChange.Refusal#NO_ON_DEMAND_CAPACITY} when the GPUs not held
     *     by on-demand pods are fewer than {@code gpus}
     * @throws IllegalArgumentException if the pod id is blank or already in the book, or {@code gpus} is not
     *     in [1, GPUs of the host]
     */
    public BookChange addOnDemand(String podId, int gpus) {
        requireNewPod(podIdsInBook(), podId, hostId);
        requireFitsHost(gpus, gpuCount, hostId);
        int available = gpuCount - onDemandGpus;
        if (gpus > available) {
            return new BookChange.Refused(BookChange.Refusal.NO_ON_DEMAND_CAPACITY, "host " + hostId + " has "
                    + available + " GPUs free of on-demand pods, the pod asks for " + gpus);
        }
        List<OnDemandPod> pods = new ArrayList<>(onDemandPods);
        pods.add(new OnDemandPod(podId, gpus));
        HostBidBook next = new HostBidBook(hostId, gpuCount, minimumBidPerGpuHour, policy, pods, ranked, nextSequence);
        return new BookChange.Applied(next, planTo(next, Cause.onDemand(podId)));
    }

    /**
     * Removes an on-demand pod (it stopped); its GPUs go to the bids.
     *
     * @throws IllegalArgumentException if the pod is not an on-demand pod of this book
     */
    public BookChange removeOnDemand(String podId) {
        BookArguments.requirePodId(podId);
        List<OnDemandPod> pods = new ArrayList<>(onDemandPods);
        if (!pods.removeIf(pod -> pod.podId().equals(podId))) {
            throw new IllegalArgumentException("pod " + podId + " is not an on-demand pod of host " + hostId);
        }
        HostBidBook next = new HostBidBook(hostId, gpuCount, minimumBidPerGpuHour, policy, pods, ranked, nextSequence);
        return new BookChange.Applied(next, planTo(next, Cause.removed(podId)));
    }

    /**
     * Changes the host's minimum bid. Raising it stops running pods whose bid is now below it
     * ({@link PreemptionReason#BELOW_MINIMUM}); lowering it may start waiting ones.
     *
     * @throws IllegalArgumentException if the minimum is missing or negative
     */
    public BookChange changeMinimumBid(Money newMinimumBidPerGpuHour) {
        BookArguments.requireNonNegative(newMinimumBidPerGpuHour, "minimumBidPerGpuHour");
        HostBidBook next = new HostBidBook(hostId, gpuCount, newMinimumBidPerGpuHour, policy, onDemandPods, ranked,
                nextSequence);
        return new BookChange.Applied(next, planTo(next, Cause.NONE));
    }

    // ---- queries ----

    public String hostId() {
        return hostId;
    }

    public int gpuCount() {
        return gpuCount;
    }

    public Money minimumBidPerGpuHour() {
        return minimumBidPerGpuHour;
    }

    public BidBookPolicy policy() {
        return policy;
    }

    /** On-demand pods, in the order they were added. */
    public List<OnDemandPod> onDemandPods() {
        return onDemandPods;
    }

    /** All bids, running and waiting, in rank order. */
    public List<Bid> bids() {
        return List.of(ranked);
    }

    /** The running bids, in rank order. */
    public List<Bid> runningBids() {
        List<Bid> result = new ArrayList<>();
        for (int i = 0; i < ranked.length; i++) {
            if (running[i]) {
                result.add(ranked[i]);
            }
        }
        return result;
    }

    public int onDemandGpus() {
        return onDemandGpus;
    }

    public int interruptibleGpusInUse() {
        int sum = 0;
        for (int i = 0; i < ranked.length; i++) {
            if (running[i]) {
                sum += ranked[i].gpus();
            }
        }
        return sum;
    }

    /** GPUs held by nobody. */
    public int idleGpus() {
        return gpuCount - onDemandGpus - interruptibleGpusInUse();
    }

    /** The highest bid that is not running, if any (it may be below the minimum). */
    public Optional<Money> highestWaitingBid() {
        for (int i = 0; i < ranked.length; i++) {
            if (!running[i]) {
                return Optional.of(ranked[i].bidPerGpuHour());
            }
        }
        return Optional.empty();
    }

    public ClearingPrice clearingPrice() {
        return ClearingPrice.forHost(minimumBidPerGpuHour, highestWaitingBid());
    }

    /** Where the bid of {@code podId} stands; empty if the pod has no bid in this book. */
    public Optional<BidStatus> status(String podId) {
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].podId().equals(podId)) {
                return Optional.of(statusAt(i, clearingPrice()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "HostBidBook[host=" + hostId + ", gpus=" + gpuCount + ", onDemandGpus=" + onDemandGpus
                + ", bids=" + ranked.length + ", running=" + runningBids().size()
                + ", minimumBid=" + minimumBidPerGpuHour.toDollarString() + "]";
    }

    // ---- internals ----

    private BidStatus statusAt(int index, ClearingPrice price) {
        Bid bid = ranked[index];
        if (running[index]) {
            return new BidStatus.Running(price.payableBy(bid.bidPerGpuHour()));
        }
        return new BidStatus.Waiting(bid.bidPerGpuHour().compareTo(minimumBidPerGpuHour) < 0
                ? BidStatus.WaitReason.BELOW_MINIMUM
                : BidStatus.WaitReason.NOT_ENOUGH_FREE_GPUS);
    }

    private BookChange applyBids(Bid[] bids, long newNextSequence, Cause cause) {
        Arrays.sort(bids, RANK); // nearly sorted already: one element moved or added
        HostBidBook next = new HostBidBook(hostId, gpuCount, minimumBidPerGpuHour, policy, onDemandPods, bids,
                newNextSequence);
        return new BookChange.Applied(next, planTo(next, cause));
    }

    /** What the host must do to go from this book to {@code next}. */
    private PreemptionPlan planTo(HostBidBook next, Cause cause) {
        Map<String, Integer> oldRank = new HashMap<>();
        Set<String> oldRunning = new HashSet<>();
        for (int i = 0; i < ranked.length; i++) {
            oldRank.put(ranked[i].podId(), i);
            if (running[i]) {
                oldRunning.add(ranked[i].podId());
            }
        }
        List<Preemption> stop = new ArrayList<>();
        List<String> start = new ArrayList<>();
        ClearingPrice price = next.clearingPrice();
        Map<String, Money> payable = new LinkedHashMap<>();
        for (int i = 0; i < next.ranked.length; i++) {
            Bid bid = next.ranked[i];
            boolean wasRunning = oldRunning.remove(bid.podId());
            if (next.running[i]) {
                payable.put(bid.podId(), price.payableBy(bid.bidPerGpuHour()));
                if (!wasRunning) {
                    start.add(bid.podId());
                }
            } else if (wasRunning) {
                stop.add(next.preemptionOf(i, cause, oldRank, this));
            }
        }
        // What is left in oldRunning has left the book: the cancelled bid, stopped by its own renter.
        oldRunning.removeAll(cause.removedPodIds());
        if (!oldRunning.isEmpty()) {
            throw new IllegalStateException("defect: running pods vanished from host " + hostId + ": " + oldRunning);
        }
        return new PreemptionPlan(stop, start, price, payable);
    }

    /** Why the bid at {@code index} of this (new) book stopped running, compared with {@code previous}. */
    private Preemption preemptionOf(int index, Cause cause, Map<String, Integer> previousRank, HostBidBook previous) {
        Bid bid = ranked[index];
        if (bid.bidPerGpuHour().compareTo(minimumBidPerGpuHour) < 0) {
            return new Preemption(bid.podId(), PreemptionReason.BELOW_MINIMUM, policy.gracePeriod(), List.of());
        }
        if (cause.onDemandPodId() != null) {
            return new Preemption(bid.podId(), PreemptionReason.ON_DEMAND, policy.gracePeriod(),
                    List.of(cause.onDemandPodId()));
        }
        // Outbid: the GPUs on-demand pods leave did not shrink, so the bids running ahead of it must hold
        // more than before, which only bids that did not run ahead of it before can explain.
        int previousIndex = previousRank.get(bid.podId());
        List<String> displacedBy = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            if (!running[i]) {
                continue;
            }
            Integer before = previousRank.get(ranked[i].podId());
            boolean ranAheadBefore = before != null && previous.running[before] && before < previousIndex;
            if (!ranAheadBefore) {
                displacedBy.add(ranked[i].podId());
            }
        }
        if (displacedBy.isEmpty()) {
            throw new IllegalStateException("defect: pod " + bid.podId() + " on host " + hostId
                    + " stopped with nobody taking its GPUs");
        }
        return new Preemption(bid.podId(), PreemptionReason.OUTBID, policy.gracePeriod(), displacedBy);
    }

    private int indexOfBid(String podId) {
        BookArguments.requirePodId(podId);
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].podId().equals(podId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pod " + podId + " has no bid on host " + hostId);
    }

    private Set<String> podIdsInBook() {
        Set<String> ids = new HashSet<>();
        onDemandPods.forEach(pod -> ids.add(pod.podId()));
        for (Bid bid : ranked) {
            ids.add(bid.podId());
        }
        return ids;
    }

    private static void requireNewPod(Set<String> podIds, String podId, String hostId) {
        BookArguments.requirePodId(podId);
        if (!podIds.add(podId)) {
            throw new IllegalArgumentException("pod " + podId + " is already in the book of host " + hostId);
        }
    }

    private static void requireFitsHost(int gpus, int gpuCount, String hostId) {
        if (gpus < 1 || gpus > gpuCount) {
            throw new IllegalArgumentException("gpus must be between 1 and " + gpuCount + " (the GPUs of host "
                    + hostId + "), was " + gpus);
        }
    }

    /** What triggered a change, for naming the displacer of a preempted pod. */
    private record Cause(String onDemandPodId, Set<String> removedPodIds) {
        static final Cause NONE = new Cause(null, Set.of());

        static Cause onDemand(String podId) {
            return new Cause(podId, Set.of());
        }

        static Cause removed(String podId) {
            return new Cause(null, Set.of(podId));
        }
    }
}
