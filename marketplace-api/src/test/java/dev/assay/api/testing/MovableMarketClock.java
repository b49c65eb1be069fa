package dev.assay.api.testing;

import dev.assay.api.market.MarketClock;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The market clock moved by hand, in tests that set {@code test.movable-market-clock=true}: a pod runs an exact
 * number of seconds, an offer expires on cue. It starts at the real time, whole seconds, so rows it stamps sort
 * with rows the database stamps.
 */
@Singleton
@Replaces(MarketClock.class)
@Requires(property = "test.movable-market-clock", value = "true")
public class MovableMarketClock extends MarketClock {

    private final AtomicReference<Instant> now =
            new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    public MovableMarketClock() {
        super(InstantSource.fixed(Instant.EPOCH));
    }

    @Override
    public Instant now() {
        return now.get().truncatedTo(ChronoUnit.MICROS);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }
}
