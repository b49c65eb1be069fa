package dev.assay.api.billing;

import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.Money;
import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Decides, from a renter's balance and the hourly burn of all its running pods, how long the balance lasts and
 * whether the pods must stop now. Pure: no I/O, no clock; the pod lifecycle calls it after each metering.
 *
 * <p>The rule: stop when the balance does not cover the most the next metering interval can cost,
 * {@code ceil(burn per hour × interval ÷ 1 h)}. A {@link dev.assay.pricing.UsageMeter} never charges more
 * than that for an interval (it carries less than one micro-dollar), so a renter whose pods keep running is
 * always able to pay for the interval in progress, and no balance ever has to go negative.
 *
 * <p>Immutable and thread-safe.
 */
public final class BalanceGuard {

    private static final BigInteger NANOS_PER_HOUR = BigInteger.valueOf(Duration.ofHours(1).toNanos());
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private final Duration meteringInterval;

    /**
     * @param meteringInterval how often the lifecycle meters and asks again; positive, at most
     *     {@link UsageCharge#MAX_PERIOD}
     * @throws IllegalArgumentException if the interval is out of range
     */
    public BalanceGuard(Duration meteringInterval) {
        if (meteringInterval == null || meteringInterval.isNegative() || meteringInterval.isZero()
                || meteringInterval.compareTo(UsageCharge.MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("meteringInterval must be positive and at most "
                    + UsageCharge.MAX_PERIOD + ", was " + meteringInterval);
        }
        this.meteringInterval = meteringInterval;
    }

    public Duration meteringInterval() {
        return meteringInterval;
    }

    /**
     * @param balance the renter's balance now; not negative
     * @param burn    what all the renter's running pods cost per hour together
     * @throws IllegalArgumentException if an argument is missing or the balance is negative
     */
    public GuardDecision assess(Money balance, HourlyRate burn) {
        if (balance == null || balance.isNegative()) {
            throw new IllegalArgumentException("balance must be zero or more, was " + balance);
        }
        Objects.requireNonNull(burn, "burn");
        if (burn.perHour().isZero()) {
            return new GuardDecision.NothingBurning(balance);
        }
        Money needed = costAtMost(burn, meteringInterval);
        Duration untilEmpty = untilEmpty(balance, burn);
        return balance.compareTo(needed) < 0
                ? new GuardDecision.StopNow(balance, needed, untilEmpty)
                : new GuardDecision.Funded(untilEmpty, needed);
    }

    /** {@code ceil(perHour × interval ÷ 1 h)}: at least what any meter charges for the interval. */
    static Money costAtMost(HourlyRate burn, Duration interval) {
        BigInteger[] qr = BigInteger.valueOf(burn.perHour().micros())
                .multiply(BigInteger.valueOf(interval.toNanos()))
                .divideAndRemainder(NANOS_PER_HOUR);
        BigInteger ceil = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return Money.ofMicros(ceil.longValueExact());
    }

    /** {@code floor(balance ÷ perHour)} hours, to the nanosecond, capped at {@link ChronoUnit#FOREVER}. */
    static Duration untilEmpty(Money balance, HourlyRate burn) {
        BigInteger nanos = BigInteger.valueOf(balance.micros()).multiply(NANOS_PER_HOUR)
                .divide(BigInteger.valueOf(burn.perHour().micros()));
        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
        if (secondsAndNanos[0].bitLength() >= Long.SIZE - 1) {
            return FOREVER;
        }
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }
}
