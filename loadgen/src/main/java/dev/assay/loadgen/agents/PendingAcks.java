package dev.assay.loadgen.agents;

/**
 * The heartbeats of one agent still waiting for their {@code HeartbeatAck}: when each was sent, by sequence, in a
 * ring of a few slots (bounded memory per agent, whatever the marketplace does). A heartbeat whose slot is needed
 * again before its ack came is given up on: its ack "never came". Thread-safe.
 */
final class PendingAcks {

    static final long NONE = -1;

    private final long[] sequences;
    private final long[] sentNanos;

    PendingAcks(int slots) {
        sequences = new long[slots];
        sentNanos = new long[slots];
        java.util.Arrays.fill(sequences, NONE);
    }

    /** Notes heartbeat {@code sequence} as sent; answers the sequence it displaced unacked, or {@link #NONE}. */
    synchronized long sent(long sequence, long nanos) {
        int slot = (int) (sequence % sequences.length);
        long displaced = sequences[slot];
        sequences[slot] = sequence;
        sentNanos[slot] = nanos;
        return displaced;
    }

    /** When acked heartbeat {@code sequence} was sent, or {@link #NONE} if it is not waiting (unknown, given up). */
    synchronized long acked(long sequence) {
        int slot = (int) (sequence % sequences.length);
        if (sequence < 0 || sequences[slot] != sequence) {
            return NONE;
        }
        sequences[slot] = NONE;
        return sentNanos[slot];
    }

    /** How many are still waiting. */
    synchronized int waiting() {
        int waiting = 0;
        for (long sequence : sequences) {
            if (sequence != NONE) {
                waiting++;
            }
        }
        return waiting;
    }
}
