package dev.assay.matching.bidbook;

/** Why a running interruptible pod is stopped. */
public enum PreemptionReason {
    /** An on-demand pod needs its GPUs: on-demand always comes first. */
    ON_DEMAND,
    /** Its GPUs went to bids that outrank it (a higher bid, or an equal bid placed earlier). */
    OUTBID,
    /** Its bid is now below the host's minimum bid (the host raised the minimum, or the pod lowered its bid). */
    BELOW_MINIMUM
}
