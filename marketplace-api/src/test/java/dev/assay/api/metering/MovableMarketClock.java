package dev.assay.api.metering;

import dev.assay.api.market.MarketClock;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A market clock the metering tests move by hand, so a pod runs an exact number of seconds. */
@Singleton
@Replaces(MarketClock.class)
@Requires(property = "metering-test.movable-clock", value = "true")
class MovableMarketClock extends MarketClock {

    private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public Instant now() {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
