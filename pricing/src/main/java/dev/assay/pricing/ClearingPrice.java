package dev.assay.pricing;

import java.util.Optional;

/**
 * The price per GPU-hour that a running interruptible pod pays on one host.
 *
 * <p>The rule: the clearing price is the larger of the host's minimum bid and the highest bid still
 * waiting for that host (a bid that would run there but has no free GPU yet). A pod never pays more than
 * its own bid: see {@link #payableBy(Money)}. With nobody waiting the price falls to the minimum bid, so a
 * high bid protects a pod from preemption without making it pay its whole bid.
 *
 * <p>Why the highest waiting bid: it is the price at which the GPUs are contested. A pod that pays at
 * least that much holds its GPUs; anyone who wants them must bid higher (a second-price rule, which makes
 * bidding one's true value the sensible strategy).
 *
 * <p>Immutable and thread-safe.
 *
 * @param perGpuHour the clearing price; never negative
 */
public record ClearingPrice(Money perGpuHour) {

    /** @throws IllegalArgumentException if {@code perGpuHour} is null or negative */
    public ClearingPrice {
        ExactMath.requireNonNegative(perGpuHour, "perGpuHour");
    }

    /**
     * The clearing price of one host.
     *
     * @param minimumBidPerGpuHour the host's minimum bid for interruptible use; not negative
     * @param highestWaitingBidPerGpuHour the highest bid waiting for this host, if any; not negative.
     *     A waiting bid below the minimum does not lower the price.
     * @throws IllegalArgumentException if an amount is null or negative
     */
    public static ClearingPrice forHost(Money minimumBidPerGpuHour, Optional<Money> highestWaitingBidPerGpuHour) {
        ExactMath.requireNonNegative(minimumBidPerGpuHour, "minimumBidPerGpuHour");
        if (highestWaitingBidPerGpuHour == null) {
            throw new IllegalArgumentException("highestWaitingBidPerGpuHour is required (Optional.empty() when nobody waits)");
        }
        Money waiting = highestWaitingBidPerGpuHour
                .map(bid -> ExactMath.requireNonNegative(bid, "highestWaitingBidPerGpuHour"))
                .orElse(minimumBidPerGpuHour);
        return new ClearingPrice(minimumBidPerGpuHour.max(waiting));
    }

    /**
     * What a running pod with bid {@code ownBidPerGpuHour} pays per GPU-hour: the clearing price, capped at
     * its own bid. A pod runs only when its bid is at or above the host's minimum bid, so for a running pod
     * the result is also at or above the minimum bid.
     *
     * @throws IllegalArgumentException if the bid is null or negative
     */
    public Money payableBy(Money ownBidPerGpuHour) {
        ExactMath.requireNonNegative(ownBidPerGpuHour, "ownBidPerGpuHour");
        return perGpuHour.min(ownBidPerGpuHour);
    }
}
