package dev.assay.api.billing;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The time billing writes into rows ({@code created_at}). Its own bean so tests can replace it. Truncated to
 * microseconds, the precision both databases keep, so a value read back equals the one written.
 */
@Singleton
class BillingClock {

    private final InstantSource source;

    BillingClock() {
        this(InstantSource.system());
    }

    BillingClock(InstantSource source) {
        this.source = source;
    }

    Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
