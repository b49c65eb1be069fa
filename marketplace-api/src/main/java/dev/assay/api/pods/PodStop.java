package dev.assay.api.pods;

/**
 * A stop notice for a host's agent.
 *
 * @param reason why, for the agent's log and the renter's notice
 * @param expectStopped whether the pod waits in STOPPING for the agent to report STOPPED; false when the pod
 *     already left its GPUs (preempted, deleted) and the notice only kills the container
 * @param simulated the host is a SIMULATED one (no real agent)
 */
public record PodStop(String podId, String hostId, String reason, boolean expectStopped, boolean simulated) {
}
