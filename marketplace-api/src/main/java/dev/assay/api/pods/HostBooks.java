package dev.assay.api.pods;

import dev.assay.api.market.MarketClock;
import dev.assay.api.pods.PodSql.HostLock;
import dev.assay.matching.bidbook.Bid;
import dev.assay.matching.bidbook.BidBookPolicy;
import dev.assay.matching.bidbook.HostBidBook;
import dev.assay.matching.bidbook.OnDemandPod;
import dev.assay.matching.bidbook.Preemption;
import dev.assay.matching.bidbook.PreemptionPlan;
import dev.assay.pricing.Money;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's interruptible market, kept in its rows. The matching engine's {@link HostBidBook} is rebuilt
 * from the rows whenever it is needed ({@code bids}, and on-demand pods holding GPUs): which bids run
 * depends only on those contents, so the rows are the book and no copy of it can go stale between API
 * instances. Callers hold the host's row lock.
 *
 * <p>{@link #enforce} makes the pods agree with the book: interruptible pods holding GPUs whose bid no longer
 * runs are PREEMPTED (GPUs released, disk and bid kept), and waiting pods whose bid now runs are SCHEDULED
 * on the lowest free GPU indices. Every operation that changes a host's holdings ends with it, so freed
 * capacity always goes to the best waiting bid.
 *
 * <p>A bid enters the book as a {@link BidRow} insert and leaves it by id; the book is read back and a changed
 * bid rewritten with SQL, so every read in the transaction sees the rows as they are, never an entity copy.
 */
@Singleton
class HostBooks {

    private final PodSql sql;
    private final BidRowRepository bids;
    private final PodTransitions transitions;
    private final MarketClock clock;
    private final BidBookPolicy policy = BidBookPolicy.DEFAULT;

    HostBooks(PodSql sql, BidRowRepository bids, PodTransitions transitions, MarketClock clock) {
        this.sql = sql;
        this.bids = bids;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The host's book as its rows are now. */
    HostBidBook load(String hostId) {
        Object[] host = sql.rows("SELECT min_bid_micros, (SELECT COUNT(*) FROM host_gpus WHERE host_id = ?1)"
                + " FROM hosts WHERE id = ?1", hostId).get(0);
        Money minimumBid = host[0] == null ? Money.ZERO : Money.ofMicros(((Number) host[0]).longValue());
        int gpus = Math.max(1, ((Number) host[1]).intValue());
        List<OnDemandPod> onDemand = new ArrayList<>();
        for (PodRow pod : sql.holdingGpus(hostId)) {
            if (!pod.interruptible()) {
                onDemand.add(new OnDemandPod(pod.id(), pod.gpuCount()));
            }
        }
        List<Bid> bids = new ArrayList<>();
        for (Object[] r : sql.rows("SELECT pod_id, gpus, bid_micros, sequence FROM bids WHERE host_id = ?1", hostId)) {
            bids.add(new Bid((String) r[0], ((Number) r[1]).intValue(), Money.ofMicros(((Number) r[2]).longValue()),
                    ((Number) r[3]).longValue()));
        }
        return HostBidBook.restore(hostId, gpus, minimumBid, policy, onDemand, bids);
    }

    /** Writes the pod's bid as {@code book} holds it (after placeBid or changeBid). */
    void saveBid(PodRow pod, HostBidBook book) {
        Bid bid = book.bids().stream().filter(b -> b.podId().equals(pod.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("book of " + book.hostId() + " has no bid of " + pod.id()));
        int updated = sql.update("UPDATE bids SET bid_micros = ?1, sequence = ?2, gpus = ?3 WHERE pod_id = ?4",
                bid.bidPerGpuHour().micros(), bid.sequence(), bid.gpus(), pod.id());
        if (updated == 0) {
            // Flushed at once: load() reads the book back with SQL in this same transaction.
            bids.saveAndFlush(new BidRow(pod.id(), book.hostId(), pod.orgId(), bid.gpus(), bid.bidPerGpuHour().micros(),
                    bid.sequence(), clock.now()));
        }
    }

    /** Takes the pod's bid out of its host's book (the renter stopped or deleted it, or its host was lost). */
    void removeBid(String podId) {
        bids.withdraw(podId);
    }

    /**
     * Makes the host's pods agree with its book; see the class comment.
     *
     * @param plan the plan of the change that led here, for the reason each preempted pod is given
     */
    void enforce(HostLock host, PreemptionPlan plan, AfterCommit after) {
        enforce(host, plan, null, after);
    }

    /**
     * As {@link #enforce(HostLock, PreemptionPlan, AfterCommit)}, with a new on-demand pod (PENDING, on this
     * host) that the book must make room for: it is scheduled on the lowest GPUs free once the
     * interruptible pods it displaces are preempted.
     *
     * @throws IllegalStateException if the book refuses the on-demand pod (callers asked the book first)
     */
    void enforce(HostLock host, PreemptionPlan plan, PodRow newOnDemand, AfterCommit after) {
        HostBidBook book = load(host.hostId());
        if (newOnDemand != null) {
            book = book.addOnDemand(newOnDemand.id(), newOnDemand.gpuCount()).applied().book();
        }
        Set<String> running = new HashSet<>();
        book.runningBids().forEach(b -> running.add(b.podId()));
        Map<String, Preemption> why = new HashMap<>();
        if (plan != null) {
            plan.stop().forEach(p -> why.put(p.podId(), p));
        }
        BitSet held = new BitSet();
        for (PodRow pod : sql.holdingGpus(host.hostId())) {
            if (pod.interruptible() && !running.contains(pod.id())) {
                String reason = reason(why.get(pod.id()));
                transitions.transition(sql.lock(pod.id()).orElseThrow(), PodState.PREEMPTED, reason);
                after.stop(new PodStop(pod.id(), host.hostId(), reason, false, host.simulated()));
            } else {
                pod.gpuIndices().forEach(held::set);
            }
        }
        if (newOnDemand != null) {
            List<Integer> gpus = lowestFree(held, book.gpuCount(), newOnDemand);
            PodRow scheduled = transitions.schedule(newOnDemand, gpus, "placed on GPUs " + gpus + " of host "
                    + host.hostId() + " at " + Money.ofMicros(newOnDemand.gpuPriceMicros()).toDollarString() + "/GPU-h");
            after.launch(launch(scheduled, host));
        }
        for (Bid bid : book.runningBids()) {
            PodRow pod = sql.lock(bid.podId()).orElseThrow();
            if (pod.state().holdsGpus()) {
                continue;
            }
            List<Integer> gpus = lowestFree(held, book.gpuCount(), pod);
            PodRow scheduled = transitions.schedule(pod, gpus,
                    "bid of " + bid.bidPerGpuHour().toDollarString() + "/GPU-h wins GPUs " + gpus + " on host "
                            + host.hostId());
            after.launch(launch(scheduled, host));
        }
        after.hostChanged(host.hostId());
    }

    /** The lowest GPU indices not in {@code held}, marked held. */
    private static List<Integer> lowestFree(BitSet held, int gpuCount, PodRow pod) {
        List<Integer> gpus = new ArrayList<>();
        for (int i = held.nextClearBit(0); i < gpuCount && gpus.size() < pod.gpuCount(); i = held.nextClearBit(i + 1)) {
            gpus.add(i);
        }
        if (gpus.size() < pod.gpuCount()) {
            // The book counted these GPUs free and the rows disagree: a defect, never a renter's mistake.
            throw new IllegalStateException("host " + pod.hostId() + " has no " + pod.gpuCount()
                    + " free GPU indices for pod " + pod.id());
        }
        gpus.forEach(held::set);
        return gpus;
    }

    static PodLaunch launch(PodRow pod, HostLock host) {
        return new PodLaunch(pod.id(), host.hostId(), pod.image(), pod.gpuIndices(), pod.envJson(), pod.ports(),
                pod.cpuCores(), pod.ramGb(), pod.diskGb(), host.simulated());
    }

    private static String reason(Preemption preemption) {
        if (preemption == null) {
            return "outbid: its bid no longer wins GPUs on this host (disk and bid kept; resumes when it wins again)";
        }
        return switch (preemption.reason()) {
            case ON_DEMAND -> "preempted by on-demand pod " + String.join(", ", preemption.displacedBy())
                    + " (disk and bid kept; resumes when GPUs free up)";
            case OUTBID -> "outbid by " + String.join(", ", preemption.displacedBy())
                    + " (disk and bid kept; resumes when its bid wins again)";
            case BELOW_MINIMUM -> "bid below the host's minimum bid (disk and bid kept)";
        };
    }
}
