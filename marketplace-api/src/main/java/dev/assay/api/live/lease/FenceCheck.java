package dev.assay.api.live.lease;

/** What the database answered a leader's fencing token. */
public enum FenceCheck {
    /** The token is the job's newest: the write goes on, and the fence row stays locked until it commits. */
    ADMITTED,
    /** A newer leader has written with a higher token: this write must not happen (its transaction rolls back). */
    SUPERSEDED
}
