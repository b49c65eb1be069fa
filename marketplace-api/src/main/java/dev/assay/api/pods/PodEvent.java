package dev.assay.api.pods;

import java.time.Instant;

/** One stored transition of a pod ({@code pod_events}); {@code from} is null for the pod's first event. */
record PodEvent(int seq, PodState from, PodState to, String reason, Instant at) {
}
