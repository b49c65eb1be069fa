package dev.assay.api.ratelimit;

/**
 * One key's bucket as a value: {@code tokens} (fractional: refill is continuous) as of {@code atMicros}. The
 * Redis script (ratelimit/token-bucket.lua) does the same arithmetic; keep the two in step.
 */
record TokenBucket(double tokens, long atMicros) {

    private static final double MICROS_PER_SECOND = 1_000_000.0;

    /** A bucket never seen before, or idle long enough to be full again: the two are the same. */
    static TokenBucket full(RateLimit limit, long nowMicros) {
        return new TokenBucket(limit.burst(), nowMicros);
    }

    /**
     * The bucket refilled up to {@code nowMicros}. A clock that went back refills nothing and keeps the later
     * time, so a step back can never mint tokens.
     */
    TokenBucket refilled(RateLimit limit, long nowMicros) {
        if (nowMicros <= atMicros) {
            return this;
        }
        double added = (nowMicros - atMicros) * limit.perSecond() / MICROS_PER_SECOND;
        return new TokenBucket(Math.min(limit.burst(), tokens + added), nowMicros);
    }

    /** Refills, then takes one token if a whole one is there. */
    Taken take(RateLimit limit, long nowMicros) {
        TokenBucket now = refilled(limit, nowMicros);
        if (now.tokens >= 1.0) {
            TokenBucket after = new TokenBucket(now.tokens - 1.0, now.atMicros);
            return new Taken(after, new RateDecision.Allowed((long) Math.floor(after.tokens)));
        }
        return new Taken(now, new RateDecision.Refused(limit.secondsUntilToken(now.tokens)));
    }

    /** Whether the bucket is full by {@code nowMicros}, so forgetting it changes nothing. */
    boolean fullBy(RateLimit limit, long nowMicros) {
        return refilled(limit, nowMicros).tokens >= limit.burst();
    }

    /** The bucket after a take, and what the request was answered. */
    record Taken(TokenBucket bucket, RateDecision decision) {}
}
