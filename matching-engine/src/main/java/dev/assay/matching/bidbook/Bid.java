package dev.assay.matching.bidbook;

import dev.assay.pricing.Money;

/**
 * One interruptible bid on one host: a pod that wants {@code gpus} GPUs of this host and offers up to
 * {@code bidPerGpuHour} for each of them.
 *
 * <p>Rank: a higher bid outranks a lower one; between equal bids the one with the smaller
 * {@code sequence} (placed, or last re-priced, earlier) outranks the other. The book hands out sequence
 * numbers, so two bids of one book never share one.
 *
 * @param podId the pod this bid is for; unique within its host's book
 * @param gpus GPUs asked for, all on this host; at least 1
 * @param bidPerGpuHour the most the pod will pay per GPU-hour; not negative
 * @param sequence time priority: smaller is earlier; not negative
 */
public record Bid(String podId, int gpus, Money bidPerGpuHour, long sequence) {

    /** @throws IllegalArgumentException if a field is outside the range stated above */
    public Bid {
        BookArguments.requirePodId(podId);
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be at least 1, was " + gpus);
        }
        BookArguments.requireNonNegative(bidPerGpuHour, "bidPerGpuHour");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, was " + sequence);
        }
    }

    /** Whether this bid comes before {@code other} when free GPUs are handed out. */
    public boolean outranks(Bid other) {
        int byPrice = bidPerGpuHour.compareTo(other.bidPerGpuHour);
        return byPrice != 0 ? byPrice > 0 : sequence < other.sequence;
    }
}
