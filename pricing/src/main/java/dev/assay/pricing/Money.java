package dev.assay.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * An exact amount of US dollars, held as a whole number of micro-dollars (1 USD = 1,000,000 micros).
 *
 * <p>Money is never a {@code double}: every arithmetic operation is exact or says how it rounds, and
 * every operation that could overflow a {@code long} throws {@link ArithmeticException} instead of
 * wrapping. Amounts may be negative (a refund, a ledger correction); whether a negative amount is
 * allowed somewhere is that caller's rule, not this type's.
 *
 * <p>Immutable and thread-safe.
 */
public record Money(long micros) implements Comparable<Money> {

    public static final long MICROS_PER_DOLLAR = 1_000_000L;
    public static final Money ZERO = new Money(0);

    public static Money ofMicros(long micros) {
        return new Money(micros);
    }

    public static Money ofDollars(long dollars) {
        return new Money(Math.multiplyExact(dollars, MICROS_PER_DOLLAR));
    }

    /**
     * Parses a decimal dollar amount such as {@code "12.5"}, {@code "-0.000001"} or {@code "$3.20"}.
     *
     * @throws IllegalArgumentException if the text is not a number, has more than six decimal places
     *     (a fraction of a micro-dollar cannot be held exactly), or does not fit in a {@code long}
     */
    public static Money parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a money amount is required, e.g. \"1.25\"");
        }
        String trimmed = text.strip();
        String digits = trimmed.startsWith("$") ? trimmed.substring(1)
                : trimmed.startsWith("-$") ? "-" + trimmed.substring(2) : trimmed;
        BigDecimal dollars;
        try {
            dollars = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a dollar amount, e.g. \"1.25\"");
        }
        try {
            return new Money(dollars.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" cannot be held exactly: at most 6 decimal places and |amount| < 9.2e12 dollars");
        }
    }

    /**
     * The exact sum of {@code amounts} ({@link #ZERO} for none).
     *
     * @throws ArithmeticException if the sum does not fit in a {@code long}
     */
    public static Money sum(Collection<Money> amounts) {
        long total = 0;
        for (Money amount : amounts) {
            total = Math.addExact(total, amount.micros);
        }
        return new Money(total);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(micros, other.micros));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(micros, other.micros));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(micros, factor));
    }

    public Money negate() {
        return new Money(Math.negateExact(micros));
    }

    public boolean isNegative() {
        return micros < 0;
    }

    public boolean isZero() {
        return micros == 0;
    }

    public boolean isPositive() {
        return micros > 0;
    }

    public Money max(Money other) {
        return micros >= other.micros ? this : other;
    }

    public Money min(Money other) {
        return micros <= other.micros ? this : other;
    }

    /** Dollars as an exact decimal, for display and for ratios that are not money (value, $/TFLOP). */
    public BigDecimal toDollars() {
        return BigDecimal.valueOf(micros, 6);
    }

    /** Dollars as a double: only for figures that are not money any more (scores per dollar, charts). */
    public double toDollarsApprox() {
        return micros / (double) MICROS_PER_DOLLAR;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(micros, other.micros);
    }

    /**
     * The amount with a dollar sign, as shown to people: "$1.50", "$0.000125", "-$3.00". {@link #parse}
     * reads it back to the same amount.
     */
    public String toDollarString() {
        String plain = toString();
        return plain.startsWith("-") ? "-$" + plain.substring(1) : "$" + plain;
    }

    /**
     * Plain decimal dollars with trailing zeros removed but at least two decimals: "1.50", "0.000125", "-3.00".
     * {@link #parse} reads it back to the same amount.
     */
    @Override
    public String toString() {
        BigDecimal dollars = toDollars().stripTrailingZeros();
        if (dollars.scale() < 2) {
            dollars = dollars.setScale(2, RoundingMode.UNNECESSARY);
        }
        return dollars.toPlainString();
    }
}
