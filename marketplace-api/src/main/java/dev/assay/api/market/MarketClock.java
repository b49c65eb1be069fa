package dev.assay.api.market;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The time the market runs on: placements, pod transitions, metering periods, offer expiry. One bean for
 * hosts, pods and metering so a test can move it ({@code @Replaces}) and bill a known number of seconds.
 * Truncated to microseconds, the precision both databases keep and the ledger's periods require.
 */
@Singleton
public class MarketClock {

    private final InstantSource source;

    public MarketClock() {
        this(InstantSource.system());
    }

    public MarketClock(InstantSource source) {
        this.source = source;
    }

    public Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
