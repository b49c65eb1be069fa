package dev.assay.api.idempotency;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A clock the idempotency tests move forward by hand. */
@Singleton
@Replaces(IdempotencyClock.class)
@Requires(property = "idem-probe.enabled", value = "true")
class MovableIdempotencyClock extends IdempotencyClock {

    private volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Override
    Instant now() {
        return now.truncatedTo(ChronoUnit.MILLIS);
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
