package dev.assay.pricing;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Exact integer arithmetic shared by the rate, meter, storage and fee rules.
 *
 * <p>The common shape is {@code floor((a * b + carried) / divisor)} with its remainder: a rate in
 * micro-dollars times an amount of time or storage, divided by the length of the rate's period. The
 * product can pass {@code Long.MAX_VALUE} long before the quotient does, so the fast path runs in
 * {@code long} and falls back to {@link BigInteger} only when the product would overflow.
 */
final class ExactMath {

    /** Nanoseconds in one hour: the divisor that turns (micro-dollars per hour × nanoseconds) into micro-dollars. */
    static final long NANOS_PER_HOUR = 3_600_000_000_000L;

    private ExactMath() {
    }

    /** A quotient and the remainder left over, {@code 0 <= remainder < divisor}. */
    record Quotient(long quotient, long remainder) {
    }

    /**
     * {@code floor((a * b + carried) / divisor)} and its remainder, for non-negative operands.
     *
     * @throws ArithmeticException if the quotient does not fit in a {@code long}
     */
    static Quotient multiplyAddDivide(long a, long b, long carried, long divisor) {
        if (a < 0 || b < 0 || carried < 0 || divisor <= 0) {
            throw new IllegalStateException("multiplyAddDivide expects non-negative operands and a positive divisor");
        }
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            long numerator = low + carried;
            if (numerator >= 0) { // both terms are non-negative: a negative sum means it overflowed
                return new Quotient(numerator / divisor, numerator % divisor);
            }
        }
        BigInteger[] division = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .add(BigInteger.valueOf(carried))
                .divideAndRemainder(BigInteger.valueOf(divisor));
        return new Quotient(division[0].longValueExact(), division[1].longValueExact());
    }

    /** {@code ceil(a * b / divisor)} for non-negative operands. */
    static long multiplyDivideCeiling(long a, long b, long divisor) {
        Quotient q = multiplyAddDivide(a, b, 0, divisor);
        return q.remainder() == 0 ? q.quotient() : Math.addExact(q.quotient(), 1);
    }

    /**
     * The duration in whole nanoseconds.
     *
     * @throws IllegalArgumentException if it is negative or longer than a {@code long} of nanoseconds (~292 years)
     */
    static long nanosOf(Duration duration, String field) {
        if (duration == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + duration);
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " must be at most ~292 years, was " + duration);
        }
    }

    static Money requireNonNegative(Money amount, String field) {
        if (amount == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + amount);
        }
        return amount;
    }
}
