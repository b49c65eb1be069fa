package dev.assay.matching.inventory;

/** What the proof-of-GPU challenge says about a host. */
public enum VerificationState {
    /** Passed its challenges: its GPUs are what NVML says they are. */
    VERIFIED,
    /** Not challenged yet, or the last challenge could not complete. */
    UNVERIFIED,
    /** Failed a challenge or reported impossible figures; not placed on unless a renter allows it. */
    DEVERIFIED
}
