package dev.assay.api.ratelimit;

/** What {@link RateLimiter#take} answered for one request. */
public sealed interface RateDecision {

    /** A token was taken; {@code remaining} whole tokens are left in the bucket. */
    record Allowed(long remaining) implements RateDecision {
        public Allowed {
            if (remaining < 0) {
                throw new IllegalArgumentException("remaining must be >= 0, was " + remaining);
            }
        }
    }

    /** The bucket is empty: a token is back in {@code retryAfterSeconds} (whole seconds, at least 1). */
    record Refused(long retryAfterSeconds) implements RateDecision {
        public Refused {
            if (retryAfterSeconds < 1) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 1, was " + retryAfterSeconds);
            }
        }
    }

    /**
     * The bucket's store could not be reached, so the request goes through unchecked (fail open); how many
     * tokens are left is not known.
     */
    record Unchecked() implements RateDecision {}
}
