package dev.assay.api.pods;

/** How a pod rents its GPUs. */
public enum PodType {
    /** Pays the host's on-demand price and is never preempted. */
    ON_DEMAND,
    /** Bids per GPU-hour; runs while its bid wins the host's bid book, preempted (disk kept) when it does not. */
    INTERRUPTIBLE
}
