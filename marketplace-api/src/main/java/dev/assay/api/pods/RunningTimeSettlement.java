package dev.assay.api.pods;

import java.time.Instant;
import java.util.Collection;

/**
 * Charges a pod's RUNNING time up to an instant. A pod leaving RUNNING (stop, preemption, loss, exit,
 * failure, termination) calls this inside the same transaction as its transition, before the metering
 * cursor is cleared, so the renter pays for every second it ran and not one second more.
 * Implemented by metering; charging a period already charged is a no-op.
 */
public interface RunningTimeSettlement {

    void settle(String podId, Instant until);

    /**
     * Locks, in the caller's transaction, every ledger account that settling these pods can charge, in the
     * ledger's global order (renter balances, then host payables, then platform revenue). A transaction that
     * settles several pods calls this once, after locking the pods' rows (in id order) and before its first
     * settlement, so that its charges never take a renter's balance after another charge's platform revenue.
     * Pods not RUNNING are skipped.
     */
    void lockAccountsFor(Collection<String> podIds);
}
