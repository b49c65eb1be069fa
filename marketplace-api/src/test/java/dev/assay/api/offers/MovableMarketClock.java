package dev.assay.api.offers;

import dev.assay.api.market.MarketClock;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** The market clock, moved by hand in tests that set {@code offers-test.clock=movable}. */
@Singleton
@Replaces(MarketClock.class)
@Requires(property = "offers-test.clock", value = "movable")
public class MovableMarketClock extends MarketClock {

    private final AtomicReference<Instant> now;

    public MovableMarketClock() {
        this(new AtomicReference<>(Instant.now()));
    }

    private MovableMarketClock(AtomicReference<Instant> now) {
        super(InstantSource.fixed(Instant.EPOCH));
        this.now = now;
    }

    @Override
    public Instant now() {
        return now.get().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }
}
