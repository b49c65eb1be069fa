package dev.assay.pricing;

import java.time.Duration;

/**
 * Meters usage at an {@link HourlyRate}, tick by tick (typically every second), without losing money to
 * rounding.
 *
 * <p>Each tick charges {@code floor((rate.micros × elapsedNanos + carried) ÷ 3.6e12)} whole micro-dollars and
 * carries what is left (less than one micro-dollar) into the next tick. So however time is cut into ticks,
 * their charges add up to exactly one charge over the whole time: a million one-second ticks at $1/h
 * bill exactly what one 1,000,000-second tick bills ($277.777777), where rounding each tick on its own
 * would bill $277.000000. When the rate changes between ticks ({@link #withRate}), the total is
 * {@code floor(Σ rateᵢ × timeᵢ ÷ 3.6e12)}: still exact.
 *
 * <p>Immutable and thread-safe: {@link #tick} returns the charge together with the meter to use next. Store
 * {@link #state()} to resume later with {@link #resume}.
 *
 * @param rate what an hour costs
 * @param state the carried remainder and totals so far
 */
public record UsageMeter(HourlyRate rate, MeterState state) {

    /** The result of one tick: what to charge now, and the meter to use for the next tick. */
    public record Tick(Money charge, UsageMeter meter) {
    }

    /** @throws IllegalArgumentException if a component is missing */
    public UsageMeter {
        if (rate == null) {
            throw new IllegalArgumentException("rate is required");
        }
        if (state == null) {
            throw new IllegalArgumentException("state is required (MeterState.START for a new meter)");
        }
    }

    /** A new meter at {@code rate} with nothing metered yet. */
    public static UsageMeter start(HourlyRate rate) {
        return new UsageMeter(rate, MeterState.START);
    }

    /** A meter that continues from a stored {@code state}. */
    public static UsageMeter resume(HourlyRate rate, MeterState state) {
        return new UsageMeter(rate, state);
    }

    /**
     * Meters {@code elapsed} more time.
     *
     * @throws IllegalArgumentException if {@code elapsed} is null, negative or longer than ~292 years
     * @throws ArithmeticException if the charge or the totals no longer fit in {@link Money} / {@link Duration}
     */
    public Tick tick(Duration elapsed) {
        long nanos = ExactMath.nanosOf(elapsed, "elapsed");
        ExactMath.Quotient split = ExactMath.multiplyAddDivide(
                rate.perHour().micros(), nanos, state.carriedRemainder(), ExactMath.NANOS_PER_HOUR);
        Money charge = Money.ofMicros(split.quotient());
        MeterState next = new MeterState(split.remainder(), state.metered().plus(elapsed), state.charged().plus(charge));
        return new Tick(charge, new UsageMeter(rate, next));
    }

    /** The same meter at a new rate from now on; what was carried so far is kept. */
    public UsageMeter withRate(HourlyRate newRate) {
        return new UsageMeter(newRate, state);
    }
}
