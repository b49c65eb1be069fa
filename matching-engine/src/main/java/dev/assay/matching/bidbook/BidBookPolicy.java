package dev.assay.matching.bidbook;

import java.time.Duration;

/**
 * Settings of every host's bid book.
 *
 * @param gracePeriod how long a preempted pod gets between its stop notice and being killed; not negative
 * @param maxBidsPerHost the most bids (running and waiting) one host's book holds; further bids are
 *     refused with {@link BookChange.Refusal#BOOK_FULL}. Bounds the work of every operation, which is
 *     linear in the bids of one host.
 */
public record BidBookPolicy(Duration gracePeriod, int maxBidsPerHost) {

    /** 30 seconds of grace and at most 256 bids per host. */
    public static final BidBookPolicy DEFAULT = new BidBookPolicy(Duration.ofSeconds(30), 256);

    /** Largest {@code maxBidsPerHost} accepted: past this, a per-host book stops being cheap to copy. */
    public static final int MAX_BIDS_PER_HOST_LIMIT = 4096;

    /** @throws IllegalArgumentException if the grace period is missing or negative, or the bound is not in [1, 4096] */
    public BidBookPolicy {
        if (gracePeriod == null || gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must be zero or positive, was " + gracePeriod);
        }
        if (maxBidsPerHost < 1 || maxBidsPerHost > MAX_BIDS_PER_HOST_LIMIT) {
            throw new IllegalArgumentException(
                    "maxBidsPerHost must be between 1 and " + MAX_BIDS_PER_HOST_LIMIT + ", was " + maxBidsPerHost);
        }
    }
}
