package dev.assay.api.ratelimit;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Reads {@code assay.rate-limit.*}; a wrong value stops the application at start, naming the key. */
@Factory
class RateLimitConfiguration {

    @Singleton
    RateLimit rateLimit(@Value("${assay.rate-limit.per-second:20}") double perSecond,
            @Value("${assay.rate-limit.burst:40}") long burst) {
        return new RateLimit(perSecond, burst);
    }
}
