package dev.assay.api.pods;

import dev.assay.api.pods.PodSql.HostLock;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.matching.bidbook.BookChange;
import dev.assay.matching.bidbook.HostBidBook;
import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The changes of an existing pod, each in one transaction. Locks are always taken host first, then the pods
 * by id, then the ledger accounts their charges need ({@link PodTransitions#lockForChange}), so two changes,
 * or a change and a metering pass, never deadlock; every change that alters what the host's pods hold ends with
 * {@link HostBooks#enforce} (freed GPUs go to the best waiting bid) and a bump of {@code capacity_version}.
 */
@Singleton
class PodChanges {

    /** The pod after the change, and what to announce once committed. */
    record Changed(PodRow pod, AfterCommit after) {
    }

    private final PodSql sql;
    private final PodTransitions transitions;
    private final HostBooks books;

    PodChanges(PodSql sql, PodTransitions transitions, HostBooks books) {
        this.sql = sql;
        this.transitions = transitions;
        this.books = books;
    }

    /** The renter (or the balance guard, with {@code orgId} null) stops a pod; its disk is kept. */
    @Transactional
    Changed stop(String orgId, String podId, String reason) {
        Locked locked = lock(orgId, podId);
        PodRow pod = locked.pod();
        AfterCommit after = new AfterCommit();
        if (pod.state().holdsGpus()) {
            PodRow stopping = transitions.transition(pod, PodState.STOPPING, reason);
            after.stop(new PodStop(pod.id(), pod.hostId(), reason, true, locked.simulated()));
            return new Changed(stopping, after);
        }
        if (pod.state() == PodState.PREEMPTED) {
            PodRow stopped = transitions.transition(pod, PodState.STOPPED, reason);
            books.removeBid(pod.id());
            return new Changed(stopped, after);
        }
        throw new ApiProblem(ProblemType.CONFLICT, "pod " + pod.id() + " is " + pod.state()
                + " and holds no GPUs, so there is nothing to stop" + (pod.state() == PodState.PENDING
                ? " (delete it to withdraw its bid)" : ""), Map.of("state", pod.state().name()));
    }

    /** Starts a stopped or exited pod again on its host (its disk is there). */
    @Transactional
    Changed start(String orgId, String podId) {
        Locked locked = lock(orgId, podId);
        PodRow pod = locked.pod();
        if (pod.state() != PodState.STOPPED && pod.state() != PodState.EXITED) {
            throw new ApiProblem(ProblemType.CONFLICT, "pod " + pod.id() + " is " + pod.state()
                    + "; only a STOPPED or EXITED pod can be started", Map.of("state", pod.state().name()));
        }
        HostLock host = locked.host().filter(HostLock::online).orElseThrow(() -> new ApiProblem(ProblemType.CONFLICT,
                "host " + pod.hostId() + " of pod " + pod.id() + " is not online; its disk is there, so the pod"
                        + " can only start there", Map.of("host_id", "not online")));
        HostBidBook book = books.load(host.hostId());
        AfterCommit after = new AfterCommit();
        if (pod.interruptible()) {
            BookChange change = book.placeBid(pod.id(), pod.gpuCount(), Money.ofMicros(pod.bidMicros()));
            if (change instanceof BookChange.Refused refused) {
                throw new ApiProblem(ProblemType.CONFLICT, "host " + host.hostId() + " refuses the bid: "
                        + refused.message());
            }
            books.saveBid(pod, ((BookChange.Applied) change).book());
            transitions.transition(pod, PodState.PENDING, "started by its renter: bid back in the book of host "
                    + host.hostId());
            books.enforce(host, ((BookChange.Applied) change).plan(), after);
        } else {
            BookChange change = book.addOnDemand(pod.id(), pod.gpuCount());
            if (change instanceof BookChange.Refused) {
                throw new ApiProblem(ProblemType.CONFLICT, "host " + host.hostId() + " has "
                        + (book.gpuCount() - book.onDemandGpus()) + " GPUs free of on-demand pods and pod " + pod.id()
                        + " needs " + pod.gpuCount() + "; its disk is on this host, so it can only start here: retry"
                        + " later", Map.of("gpu_count", "more than the host has free"));
            }
            books.enforce(host, ((BookChange.Applied) change).plan(), pod, after);
        }
        bump(host);
        return new Changed(sql.find(pod.id()).orElseThrow(), after);
    }

    /** Deletes a pod: nothing held, nothing billed from now on; its GPUs go to waiting bids. */
    @Transactional
    Changed delete(String orgId, String podId) {
        Locked locked = lock(orgId, podId);
        PodRow pod = locked.pod();
        AfterCommit after = new AfterCommit();
        boolean held = pod.state().holdsGpus();
        PodRow terminated = transitions.transition(pod, PodState.TERMINATED, "deleted by its renter");
        books.removeBid(pod.id());
        if (held) {
            after.stop(new PodStop(pod.id(), pod.hostId(), "deleted by its renter", false, locked.simulated()));
        }
        locked.host().ifPresent(host -> {
            if (host.online()) {
                books.enforce(host, null, after);
            }
            bump(host);
            after.hostChanged(host.hostId());
        });
        return new Changed(terminated, after);
    }

    /** Raises or lowers an interruptible pod's bid; this may preempt others, or the pod itself. */
    @Transactional
    Changed changeBid(String orgId, String podId, Money bid) {
        Locked locked = lock(orgId, podId);
        PodRow pod = locked.pod();
        if (!pod.interruptible()) {
            throw new ApiProblem(ProblemType.CONFLICT, "pod " + pod.id() + " is ON_DEMAND: it pays the host's price"
                    + " and has no bid", Map.of("type", "ON_DEMAND"));
        }
        if (pod.state() == PodState.TERMINATED || pod.state() == PodState.FAILED) {
            throw new ApiProblem(ProblemType.CONFLICT, "pod " + pod.id() + " is " + pod.state()
                    + "; its bid can no longer change", Map.of("state", pod.state().name()));
        }
        sql.update("UPDATE pods SET bid_micros = ?1, gpu_price_micros = ?1, version = version + 1 WHERE id = ?2",
                bid.micros(), pod.id());
        AfterCommit after = new AfterCommit();
        HostLock host = locked.host().orElse(null);
        boolean inBook = ((Number) sql.scalar("SELECT COUNT(*) FROM bids WHERE pod_id = ?1", pod.id())).intValue() == 1;
        if (host != null && inBook) {
            BookChange.Applied applied = books.load(host.hostId()).changeBid(pod.id(), bid).applied();
            books.saveBid(pod, applied.book());
            books.enforce(host, applied.plan(), after);
            bump(host);
        }
        return new Changed(sql.find(pod.id()).orElseThrow(), after);
    }

    /**
     * What the host's agent says happened to a pod. A report that no longer applies (the pod already left
     * its GPUs: preempted, deleted, lost) is ignored: containers stop after the market moved on.
     */
    @Transactional
    Changed report(String hostId, String podId, PodState state, String reason) {
        Locked locked = lock(null, podId);
        PodRow pod = locked.pod();
        if (hostId != null && !hostId.equals(pod.hostId())) {
            // An agent speaks for its own host only; whether the pod exists elsewhere is not its business.
            throw new ApiProblem(ProblemType.NOT_FOUND, "no pod " + podId + " on host " + hostId);
        }
        AfterCommit after = new AfterCommit();
        boolean stale = switch (state) {
            case STARTING, RUNNING -> !pod.state().holdsGpus() || pod.state() == state
                    || pod.state() == PodState.STOPPING || (state == PodState.STARTING && pod.state() == PodState.RUNNING);
            case EXITED, FAILED -> !pod.state().holdsGpus();
            case STOPPED -> pod.state() != PodState.STOPPING;
            default -> throw new ApiProblem(ProblemType.VALIDATION, "an agent reports STARTING, RUNNING, STOPPED,"
                    + " EXITED or FAILED, not " + state, Map.of("state", "not an agent state"));
        };
        if (stale) {
            return new Changed(pod, after);
        }
        PodRow changed = transitions.transition(pod, state, reason);
        if (!state.holdsGpus()) {
            books.removeBid(pod.id());
            locked.host().ifPresent(host -> {
                if (host.online()) {
                    books.enforce(host, null, after);
                }
                bump(host);
                after.hostChanged(host.hostId());
            });
        }
        return new Changed(changed, after);
    }

    /** The ids of the pods holding GPUs on the host, for reconciling with what its agent runs. */
    @Transactional(readOnly = true)
    List<String> holdingGpus(String hostId) {
        return sql.holdingGpus(hostId).stream().map(PodRow::id).toList();
    }

    /** What the host's agent needs to start the pods placed there that have not reported RUNNING yet. */
    @Transactional(readOnly = true)
    List<PodLaunch> waitingToStart(String hostId) {
        return sql.holdingGpus(hostId).stream()
                .filter(p -> p.state() == PodState.SCHEDULED || p.state() == PodState.STARTING)
                .map(p -> new PodLaunch(p.id(), hostId, p.image(), p.gpuIndices(), p.envJson(), p.ports(), p.cpuCores(),
                        p.ramGb(), p.diskGb(), false))
                .toList();
    }

    /** The host disappeared: pods holding GPUs there become LOST (RUNNING time settled first). */
    @Transactional
    AfterCommit hostLost(String hostId) {
        AfterCommit after = new AfterCommit();
        Optional<HostLock> host = sql.lockHost(hostId);
        if (host.isEmpty()) {
            return after;
        }
        Map<String, PodRow> locked = transitions.lockForChange(hostId, Optional.empty());
        for (PodRow pod : sql.holdingGpus(hostId)) {
            transitions.transition(locked.get(pod.id()), PodState.LOST,
                    "host " + hostId + " went offline while the pod held GPUs there");
            books.removeBid(pod.id());
        }
        bump(host.get());
        after.hostChanged(hostId);
        return after;
    }

    private void bump(HostLock host) {
        if (!sql.bumpCapacity(host)) {
            throw new IllegalStateException("capacity_version of host " + host.hostId() + " moved under its lock");
        }
    }

    /** The pod and its host, locked host first; another organisation's pod is not found. */
    private Locked lock(String orgId, String podId) {
        PodRow seen = sql.find(podId).filter(p -> orgId == null || p.orgId().equals(orgId))
                .orElseThrow(() -> notFound(podId));
        Optional<HostLock> host = seen.hostId() == null ? Optional.empty() : sql.lockHost(seen.hostId());
        if (host.isEmpty()) {
            return new Locked(sql.lock(podId).orElseThrow(() -> notFound(podId)), host);
        }
        if (!transitions.lockForChange(host.get().hostId(), Optional.of(podId)).containsKey(podId)) {
            throw notFound(podId);
        }
        transitions.settleInterruptible(host.get().hostId());
        // Read again under the lock it holds: the settlement moved the pod's metering cursor.
        return new Locked(sql.lock(podId).orElseThrow(() -> notFound(podId)), host);
    }

    static ApiProblem notFound(String podId) {
        return new ApiProblem(ProblemType.NOT_FOUND, "no pod " + podId + " in this organisation");
    }

    private record Locked(PodRow pod, Optional<HostLock> host) {
        boolean simulated() {
            return host.map(HostLock::simulated).orElse(false);
        }
    }
}
