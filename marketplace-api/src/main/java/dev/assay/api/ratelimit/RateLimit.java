package dev.assay.api.ratelimit;

/**
 * The limit every API key's token bucket follows.
 *
 * @param perSecond tokens added back per second, continuously (the sustained request rate); above 0
 * @param burst     the bucket's size: the most requests a key may make at once after a quiet spell; at least 1
 */
public record RateLimit(double perSecond, long burst) {

    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("assay.rate-limit.per-second must be a positive number, was " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("assay.rate-limit.burst must be at least 1, was " + burst);
        }
    }

    /** Whole seconds until a bucket holding {@code tokens} (below 1) has a whole token again; at least 1. */
    long secondsUntilToken(double tokens) {
        double seconds = (1.0 - tokens) / perSecond;
        return Math.max(1L, (long) Math.ceil(seconds));
    }

    /** In words, for answers and logs: "40 at once, then 20 per second". */
    String describe() {
        String rate = perSecond == Math.rint(perSecond) && perSecond < 1e15 ? Long.toString((long) perSecond)
                : Double.toString(perSecond);
        return burst + " at once, then " + rate + " per second";
    }
}
