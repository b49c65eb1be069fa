package dev.assay.api.idempotency;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The time idempotency records are stamped and expired with. Its own bean so tests can move time
 * ({@code @Replaces}); truncated to milliseconds so a value read back from either database equals the one written.
 */
@Singleton
class IdempotencyClock {

    private final InstantSource source;

    IdempotencyClock() {
        this(InstantSource.system());
    }

    IdempotencyClock(InstantSource source) {
        this.source = source;
    }

    Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
