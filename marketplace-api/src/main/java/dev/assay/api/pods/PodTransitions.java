package dev.assay.api.pods;

import dev.assay.api.market.GpuIndices;
import dev.assay.api.market.MarketClock;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of a pod's state. Every transition is checked against {@link PodState} (an illegal one
 * is a 409 that writes nothing), stored with its reason in {@code pod_events}, and keeps the metering
 * cursor right: entering RUNNING sets {@code running_since} and {@code billed_until}; leaving RUNNING first
 * has {@link RunningTimeSettlement} charge the time up to now, then clears the cursor.
 *
 * <p>Callers hold the pod's row lock (and its host's, when GPUs change hands) in the current transaction.
 * The metering columns are only ever written with targeted statements, never from a row read earlier, so a
 * metering pass that moved {@code billed_until} or {@code meter_remainder} is never undone.
 *
 * <p>New pods and events are inserted through their entities ({@link StoredPod}, {@link PodEventRow}); a
 * transition stays the SQL statement {@code UPDATE pods ... WHERE id = ? AND state = ?}, because that
 * condition is what makes two racing transitions of one pod answer one success and one 409.
 */
@Singleton
class PodTransitions {

    private static final Logger LOG = LoggerFactory.getLogger(PodTransitions.class);
    /** The column is 500 characters; a reason is for humans, so it is cut rather than refused. */
    private static final int MAX_REASON_CHARS = 500;

    private final PodSql sql;
    private final StoredPodRepository pods;
    private final PodEventRowRepository events;
    private final RunningTimeSettlement settlement;
    private final MarketClock clock;

    PodTransitions(PodSql sql, StoredPodRepository pods, PodEventRowRepository events,
            RunningTimeSettlement settlement, MarketClock clock) {
        this.sql = sql;
        this.pods = pods;
        this.events = events;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** Stores a new pod in {@code pod.state()} with its first event. */
    void create(PodRow pod, String reason) {
        Instant now = clock.now();
        // Flushed at once: the statements that follow in this transaction (row locks, conditional updates) are
        // SQL, and must find the row there.
        pods.saveAndFlush(new StoredPod(pod, now));
        event(pod.id(), null, pod.state(), reason, now);
    }

    /**
     * Takes the locks of a change on a host, after the host's own, in the marketplace's global order: the rows
     * of the pods holding GPUs there and of {@code podId} (any state, when given), by pod id; then every ledger
     * account that charging the RUNNING ones can touch (renter balances, host payables, platform revenue). A
     * change may charge several of them ({@link #settleInterruptible}, a stop, preemptions, host loss): taking
     * every lock first is what keeps such a transaction out of a lock cycle with another change, a metering
     * pass (pod, then ledger) or a single charge. See docs/billing.md, "Lock order".
     *
     * @return the locked pods by id, in id order ({@code podId} absent if it does not exist)
     */
    Map<String, PodRow> lockForChange(String hostId, Optional<String> podId) {
        SortedSet<String> ids = new TreeSet<>();
        sql.holdingGpus(hostId).forEach(p -> ids.add(p.id()));
        podId.ifPresent(ids::add);
        Map<String, PodRow> locked = new LinkedHashMap<>();
        for (String id : ids) {
            sql.lock(id).ifPresent(p -> locked.put(id, p));
        }
        settlement.lockAccountsFor(locked.values().stream()
                .filter(p -> p.state() == PodState.RUNNING).map(PodRow::id).toList());
        return locked;
    }

    /**
     * Charges the host's running interruptible pods up to now. They pay the host's clearing price, which any
     * change to the host's book may move (a bid placed, changed or withdrawn, a pod preempted or resumed), so
     * the time before a change is charged at the price that held then. Callers hold the host's lock and
     * the locks {@link #lockForChange} takes.
     */
    void settleInterruptible(String hostId) {
        Instant now = clock.now();
        for (PodRow pod : sql.holdingGpus(hostId)) {
            if (pod.interruptible() && pod.state() == PodState.RUNNING) {
                settlement.settle(pod.id(), now);
            }
        }
    }

    /** Moves the pod to {@code to}; GPU indices are kept while it holds GPUs and cleared when it stops holding them. */
    PodRow transition(PodRow pod, PodState to, String reason) {
        return write(pod, to, to.holdsGpus() ? pod.gpuIndices() : List.of(), reason);
    }

    /** Gives the pod these GPUs of its host and moves it to SCHEDULED. */
    PodRow schedule(PodRow pod, List<Integer> gpuIndices, String reason) {
        if (gpuIndices.size() != pod.gpuCount()) {
            throw new IllegalStateException("pod " + pod.id() + " needs " + pod.gpuCount() + " GPUs, given " + gpuIndices);
        }
        return write(pod, PodState.SCHEDULED, gpuIndices, reason);
    }

    private PodRow write(PodRow pod, PodState to, List<Integer> gpus, String reason) {
        PodState from = pod.state();
        if (!from.canBecome(to)) {
            throw illegal(pod, to);
        }
        Instant now = clock.now();
        if (from == PodState.RUNNING) {
            // Charge every second it ran before the cursor goes; metering moves billed_until itself.
            settlement.settle(pod.id(), now);
        }
        int changed = sql.update("UPDATE pods SET state = ?1, gpu_indices = ?2, updated_at = ?3, version = version + 1"
                + " WHERE id = ?4 AND state = ?5", to.name(), GpuIndices.format(gpus), now, pod.id(), from.name());
        if (changed != 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "pod " + pod.id() + " changed while this request ran; retry");
        }
        Instant runningSince = pod.runningSince();
        Instant billedUntil = pod.billedUntil();
        if (to == PodState.RUNNING) {
            sql.update("UPDATE pods SET running_since = ?1, billed_until = ?1 WHERE id = ?2", now, pod.id());
            runningSince = now;
            billedUntil = now;
        } else if (from == PodState.RUNNING) {
            sql.update("UPDATE pods SET running_since = NULL, billed_until = NULL WHERE id = ?1", pod.id());
            runningSince = null;
            billedUntil = null;
        }
        event(pod.id(), from, to, reason, now);
        LOG.info("event=pod_transition pod={} org={} host={} from={} to={} reason=\"{}\"", pod.id(), pod.orgId(),
                pod.hostId(), from, to, reason);
        return new PodRow(pod.id(), pod.orgId(), pod.name(), pod.image(), pod.type(), to, pod.hostId(),
                pod.gpuCount(), List.copyOf(gpus), pod.cpuCores(), pod.ramGb(), pod.diskGb(), pod.envJson(),
                pod.ports(), pod.gpuPriceMicros(), pod.storageMicros(), pod.bidMicros(), runningSince, billedUntil,
                pod.createdAt(), now);
    }

    static ApiProblem illegal(PodRow pod, PodState to) {
        return new ApiProblem(ProblemType.CONFLICT, "pod " + pod.id() + " is " + pod.state() + " and cannot become "
                + to + " (from " + pod.state() + " it may become: " + pod.state().next() + ")",
                Map.of("state", pod.state().name()));
    }

    private void event(String podId, PodState from, PodState to, String reason, Instant at) {
        // The pod's row lock (held by every caller) serialises its events, so MAX + 1 cannot be taken twice. The
        // query flushes this transaction's earlier events of the pod first (Hibernate's auto-flush: same table).
        int seq = events.nextSeq(podId);
        String text = reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
        events.save(new PodEventRow(PodIds.next("pev"), podId, new PodEvent(seq, from, to, text, at)));
    }
}
