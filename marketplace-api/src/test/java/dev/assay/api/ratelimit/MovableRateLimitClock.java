package dev.assay.api.ratelimit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The in-process buckets' clock, moved by hand: in unit tests directly, in API tests that set the property. */
@Singleton
@Replaces(RateLimitClock.class)
@Requires(property = "test.movable-rate-limit-clock", value = "true")
class MovableRateLimitClock extends RateLimitClock {

    private final AtomicLong nowMicros = new AtomicLong(1_780_000_000_000_000L);

    @Override
    public long nowMicros() {
        return nowMicros.get();
    }

    void advance(Duration duration) {
        nowMicros.addAndGet(duration.toNanos() / 1_000);
    }
}
