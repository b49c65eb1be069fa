package dev.assay.api.pods;

import java.time.Instant;

/**
 * Charges a pod's RUNNING time up to an instant. A pod leaving RUNNING (stop, preemption, loss, exit,
 * failure, termination) calls this inside the same transaction as its transition, before the metering
 * cursor is cleared, so the renter pays for every second it ran and not one second more.
 * Implemented by metering; charging a period already charged is a no-op.
 */
public interface RunningTimeSettlement {

    void settle(String podId, Instant until);
}
