package dev.assay.pricing;

import java.time.Duration;

/**
 * What a {@link UsageMeter} remembers between ticks; a plain value the billing service can store and
 * load again (three columns) to resume metering exactly where it stopped.
 *
 * @param carriedRemainder the fraction of a micro-dollar earned but not yet charged, in units of
 *     1/3,600,000,000,000 micro-dollar (micro-dollars-per-hour × nanoseconds); {@code 0 <= carriedRemainder < 3.6e12}.
 *     Because it is a fraction of a micro-dollar, not of a rate, it stays meaningful when the rate changes.
 * @param metered total time metered so far; not negative
 * @param charged total charged so far; not negative
 */
public record MeterState(long carriedRemainder, Duration metered, Money charged) {

    /** A meter that has not ticked yet. */
    public static final MeterState START = new MeterState(0, Duration.ZERO, Money.ZERO);

    /** @throws IllegalArgumentException if a component is missing or out of its range */
    public MeterState {
        if (carriedRemainder < 0 || carriedRemainder >= ExactMath.NANOS_PER_HOUR) {
            throw new IllegalArgumentException("carriedRemainder must be in [0, 3600000000000), was " + carriedRemainder);
        }
        if (metered == null || metered.isNegative()) {
            throw new IllegalArgumentException("metered must be a duration >= 0, was " + metered);
        }
        ExactMath.requireNonNegative(charged, "charged");
    }
}
