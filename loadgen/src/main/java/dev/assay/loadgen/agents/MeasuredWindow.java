package dev.assay.loadgen.agents;

/**
 * The measured window, in {@link System#nanoTime()}: agents heartbeat from their Welcome to the end of the run
 * (a silent agent is dropped after the marketplace's offline-after, 30 s, and connecting 10 k takes longer), but
 * only heartbeats sent inside the window are recorded. Closed until opened; thread-safe.
 */
final class MeasuredWindow {

    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    void open(long nanos) {
        startNanos = nanos;
    }

    /** Closes the window at {@code nanos}, unless it was closed already (the first close wins). */
    synchronized void close(long nanos) {
        if (endNanos == Long.MAX_VALUE) {
            endNanos = nanos;
        }
    }

    /** Whether a heartbeat sent at {@code sentNanos} is measured. */
    boolean covers(long sentNanos) {
        return startNanos != Long.MAX_VALUE && sentNanos - startNanos >= 0
                && (endNanos == Long.MAX_VALUE || sentNanos - endNanos < 0);
    }
}
