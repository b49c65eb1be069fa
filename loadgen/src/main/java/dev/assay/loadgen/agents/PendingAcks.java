package dev.assay.loadgen.agents;

import java.util.OptionalLong;
import java.util.function.LongPredicate;

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

    /** Notes heartbeat {@code sequence} as sent; answers when the one it displaced unacked was sent, if any. */
    synchronized OptionalLong sent(long sequence, long nanos) {
        int slot = (int) (sequence % sequences.length);
        boolean displaced = sequences[slot] != NONE;
        long displacedSent = sentNanos[slot];
        sequences[slot] = sequence;
        sentNanos[slot] = nanos;
        return displaced ? OptionalLong.of(displacedSent) : OptionalLong.empty();
    }

    /** When acked heartbeat {@code sequence} was sent; empty if it is not waiting (unknown, given up). */
    synchronized OptionalLong acked(long sequence) {
        int slot = (int) (sequence % sequences.length);
        if (sequence < 0 || sequences[slot] != sequence) {
            return OptionalLong.empty();
        }
        sequences[slot] = NONE;
        return OptionalLong.of(sentNanos[slot]);
    }

    /** How many still wait whose sending time passes {@code sentAt}. */
    synchronized int waiting(LongPredicate sentAt) {
        int waiting = 0;
        for (int i = 0; i < sequences.length; i++) {
            if (sequences[i] != NONE && sentAt.test(sentNanos[i])) {
                waiting++;
            }
        }
        return waiting;
    }
}
