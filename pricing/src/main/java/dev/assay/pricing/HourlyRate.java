package dev.assay.pricing;

import java.time.Duration;

/**
 * A price per hour, for example per GPU-hour or for a whole pod.
 *
 * <p>Charging for a span of time is exact integer arithmetic:
 * {@code floor(perHour.micros × nanoseconds ÷ 3,600,000,000,000)}. The fraction of a micro-dollar left
 * over is dropped here (rounded down, in the renter's favour); a {@link UsageMeter} carries it into the
 * next tick instead, so billing many short ticks charges exactly what one long charge would.
 *
 * <p>Immutable and thread-safe.
 *
 * @param perHour the amount charged for one hour; never negative
 */
public record HourlyRate(Money perHour) {

    public static final HourlyRate FREE = new HourlyRate(Money.ZERO);

    /** @throws IllegalArgumentException if {@code perHour} is null or negative */
    public HourlyRate {
        ExactMath.requireNonNegative(perHour, "perHour");
    }

    public static HourlyRate of(Money perHour) {
        return new HourlyRate(perHour);
    }

    /**
     * What this rate charges for {@code duration}, rounded down to a whole micro-dollar.
     *
     * @throws IllegalArgumentException if the duration is null, negative or longer than ~292 years
     * @throws ArithmeticException if the charge does not fit in {@link Money}
     */
    public Money forDuration(Duration duration) {
        long nanos = ExactMath.nanosOf(duration, "duration");
        return Money.ofMicros(ExactMath.multiplyAddDivide(perHour.micros(), nanos, 0, ExactMath.NANOS_PER_HOUR).quotient());
    }

    /**
     * This rate for {@code count} units, e.g. a per-GPU-hour rate times the pod's GPUs.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws ArithmeticException on overflow
     */
    public HourlyRate times(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        return new HourlyRate(perHour.times(count));
    }

    public HourlyRate plus(HourlyRate other) {
        return new HourlyRate(perHour.plus(other.perHour));
    }

    /** "$0.45/h". */
    @Override
    public String toString() {
        return perHour.toDollarString() + "/h";
    }
}
