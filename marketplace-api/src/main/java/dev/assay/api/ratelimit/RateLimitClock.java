package dev.assay.api.ratelimit;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The time the in-process buckets refill by. Its own bean so that tests can replace it ({@code @Replaces}) and
 * move time by hand. (The Redis buckets use Redis's own {@code TIME}, one clock for every instance.)
 */
@Singleton
public class RateLimitClock {

    private final InstantSource source;

    public RateLimitClock() {
        this(InstantSource.system());
    }

    protected RateLimitClock(InstantSource source) {
        this.source = source;
    }

    /** Now, in microseconds since the epoch. */
    public long nowMicros() {
        Instant now = source.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
    }
}
