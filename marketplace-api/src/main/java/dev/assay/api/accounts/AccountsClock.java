package dev.assay.api.accounts;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The time accounts write into rows (creation, revocation, last use). Its own small bean rather than a
 * shared {@code Clock} so that tests can replace it ({@code @Replaces}) without touching other features.
 * Truncated to milliseconds so that a value read back from either database equals the one written.
 */
@Singleton
class AccountsClock {

    private final InstantSource source;

    AccountsClock() {
        this(InstantSource.system());
    }

    AccountsClock(InstantSource source) {
        this.source = source;
    }

    Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
