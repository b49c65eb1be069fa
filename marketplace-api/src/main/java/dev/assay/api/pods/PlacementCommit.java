package dev.assay.api.pods;

import dev.assay.api.pods.PodSql.HostLock;
import dev.assay.matching.bidbook.BookChange;
import dev.assay.matching.bidbook.HostBidBook;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Commits one placement the matching engine proposed, in one transaction, with the database as the
 * arbiter: the host row is locked, the host's book is rebuilt from what its pods hold now (not from the
 * snapshot the plan came from), the pod is inserted with its event (and bid), GPU indices are chosen
 * against the rows, and the host's {@code capacity_version} is bumped with a compare-and-set. A host
 * that cannot take the pod any more answers {@link HostTaken}, and the caller plans again on a fresher
 * snapshot.
 */
@Singleton
class PlacementCommit {

    /** The outcome of one commit attempt. */
    sealed interface Outcome {
    }

    /** The pod is stored on the host; {@code after} holds what to announce once committed. */
    record Committed(PodRow pod, AfterCommit after) implements Outcome {
    }

    /** The host could not take the pod (full, offline, unlisted, book full); nothing was written. */
    record HostTaken(String hostId, String why) implements Outcome {
    }

    /** Thrown to roll back when the capacity version moved under the lock (another writer forgot the lock). */
    static final class CapacityMoved extends RuntimeException {
        CapacityMoved(String hostId) {
            super("capacity_version of host " + hostId + " moved", null, false, false);
        }
    }

    private final PodSql sql;
    private final HostBooks books;
    private final PodTransitions transitions;

    PlacementCommit(PodSql sql, HostBooks books, PodTransitions transitions) {
        this.sql = sql;
        this.books = books;
        this.transitions = transitions;
    }

    @Transactional
    Outcome commit(String orgId, String podId, PodDraft draft, String hostId) {
        HostLock host = sql.lockHost(hostId).orElse(null);
        if (host == null || !host.online()) {
            return new HostTaken(hostId, "the host is not online");
        }
        transitions.lockForChange(hostId, Optional.empty());
        transitions.settleInterruptible(hostId);
        Object[] offer = sql.rows("SELECT listed, on_demand_micros, storage_micros FROM hosts WHERE id = ?1", hostId)
                .get(0);
        if (!Boolean.TRUE.equals(offer[0])) {
            return new HostTaken(hostId, "the host is not listed");
        }
        Optional<String> lacking = resourcesShort(hostId, draft);
        if (lacking.isPresent()) {
            return new HostTaken(hostId, lacking.get());
        }
        HostBidBook book = books.load(hostId);
        BookChange change = draft.type() == PodType.INTERRUPTIBLE
                ? book.placeBid(podId, draft.gpuCount(), draft.bidPerGpuHour().orElseThrow())
                : book.addOnDemand(podId, draft.gpuCount());
        if (change instanceof BookChange.Refused refused) {
            return new HostTaken(hostId, refused.message());
        }
        BookChange.Applied applied = (BookChange.Applied) change;
        long gpuPrice = draft.bidPerGpuHour().map(b -> b.micros()).orElse(((Number) offer[1]).longValue());
        PodRow pod = new PodRow(podId, orgId, draft.name(), draft.image(), draft.type(), PodState.PENDING, hostId,
                draft.gpuCount(), List.of(), draft.cpuCoresPerGpu() * draft.gpuCount(),
                draft.ramGbPerGpu() * draft.gpuCount(), draft.diskGb(), EnvJson.write(draft.env()),
                String.join(",", draft.ports()), gpuPrice, ((Number) offer[2]).longValue(),
                draft.bidPerGpuHour().map(b -> b.micros()).orElse(null), null, null, null, null);
        transitions.create(pod, "accepted for host " + hostId);
        AfterCommit after = new AfterCommit();
        if (pod.interruptible()) {
            books.saveBid(pod, applied.book());
            books.enforce(host, applied.plan(), after);
        } else {
            books.enforce(host, applied.plan(), pod, after);
        }
        if (!sql.bumpCapacity(host)) {
            throw new CapacityMoved(hostId);
        }
        return new Committed(sql.find(podId).orElseThrow(), after);
    }

    /**
     * What the host lacks for the pod, counted from its rows as {@code InventoryLoader} counts for the market:
     * CPU and RAM held by on-demand pods holding GPUs (interruptible pods give theirs up when preempted), disk
     * held by every pod that keeps one there.
     */
    private Optional<String> resourcesShort(String hostId, PodDraft draft) {
        Object[] r = sql.rows("SELECT h.cpu_cores, h.ram_gb, h.disk_gb,"
                + " (SELECT COALESCE(SUM(cpu_cores), 0) FROM pods WHERE host_id = h.id AND pod_type = 'ON_DEMAND'"
                + " AND state IN (" + PodState.gpuHoldingSqlList() + ")),"
                + " (SELECT COALESCE(SUM(ram_gb), 0) FROM pods WHERE host_id = h.id AND pod_type = 'ON_DEMAND'"
                + " AND state IN (" + PodState.gpuHoldingSqlList() + ")),"
                + " (SELECT COALESCE(SUM(disk_gb), 0) FROM pods WHERE host_id = h.id"
                + " AND state NOT IN ('TERMINATED', 'FAILED'))"
                + " FROM hosts h WHERE h.id = ?1", hostId).get(0);
        long cpuLeft = number(r[0]) - number(r[3]);
        long ramLeft = number(r[1]) - number(r[4]);
        long diskLeft = number(r[2]) - number(r[5]);
        if (diskLeft < draft.diskGb()) {
            return Optional.of("only " + diskLeft + " GB of disk left");
        }
        if (draft.type() == PodType.ON_DEMAND && (cpuLeft < (long) draft.cpuCoresPerGpu() * draft.gpuCount()
                || ramLeft < draft.ramGbPerGpu() * draft.gpuCount())) {
            return Optional.of("only " + cpuLeft + " CPU cores and " + ramLeft + " GB RAM left");
        }
        return Optional.empty();
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }
}
