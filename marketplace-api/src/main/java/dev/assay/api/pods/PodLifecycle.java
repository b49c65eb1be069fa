package dev.assay.api.pods;

import dev.assay.api.metering.PodStopper;
import dev.assay.pricing.Money;
import jakarta.inject.Singleton;

/**
 * The pod lifecycle's entry points for everything outside this package: the agents' reports
 * ({@link #reportState}, the same entry for the simulated and the real agent), the balance guard
 * ({@link #stopForBalance}) and host loss ({@link #hostLost}). Each change commits in one transaction and
 * is then announced (market index, agents).
 */
@Singleton
public class PodLifecycle implements PodStopper {

    private final PodChanges changes;
    private final AfterCommitPublisher publisher;

    PodLifecycle(PodChanges changes, AfterCommitPublisher publisher) {
        this.changes = changes;
        this.publisher = publisher;
    }

    /**
     * An agent reports a pod's container state: STARTING, RUNNING, STOPPED (after a stop), EXITED or FAILED.
     * Reports that no longer apply are ignored; an illegal one is refused (409 problem).
     */
    public void reportState(String podId, PodState state, String reason) {
        publisher.publish(changes.report(null, podId, state, reason).after());
    }

    /**
     * The agent of {@code hostId} reports a pod's state: as {@link #reportState}, and a pod that is not on that host
     * is not found (an agent speaks for its own host only).
     */
    public void reportFromHost(String hostId, String podId, PodState state, String reason) {
        publisher.publish(changes.report(hostId, podId, state, reason).after());
    }

    /** The pods placed on the host that its agent has not reported RUNNING yet, as the agent must start them. */
    public java.util.List<PodLaunch> waitingToStart(String hostId) {
        return changes.waitingToStart(hostId);
    }

    /** The pods holding GPUs on the host (SCHEDULED, STARTING, RUNNING, STOPPING), by id. */
    public java.util.List<String> holdingGpus(String hostId) {
        return changes.holdingGpus(hostId);
    }

    /** Marks the pods holding GPUs on this host LOST (their RUNNING time settled first). */
    public void hostLost(String hostId) {
        publisher.publish(changes.hostLost(hostId));
    }

    @Override
    public void stopForBalance(String podId, String reason) {
        publisher.publish(changes.stop(null, podId, "balance guard: " + reason).after());
    }

    PodRow stop(String orgId, String podId) {
        return announce(changes.stop(orgId, podId, "stopped by its renter"));
    }

    PodRow start(String orgId, String podId) {
        return announce(changes.start(orgId, podId));
    }

    PodRow delete(String orgId, String podId) {
        return announce(changes.delete(orgId, podId));
    }

    PodRow changeBid(String orgId, String podId, Money bid) {
        return announce(changes.changeBid(orgId, podId, bid));
    }

    private PodRow announce(PodChanges.Changed changed) {
        publisher.publish(changed.after());
        return changed.pod();
    }
}
