package dev.assay.pricing;

/**
 * How a renter's payment is divided between the host and the platform.
 *
 * <p>The platform fee is {@code gross × feeBasisPoints ÷ 10,000} rounded <em>down</em> to a whole
 * micro-dollar (the fraction goes to the host); the host gets the rest. Because the host's share is
 * computed as {@code gross − platformFee}, {@code hostShare + platformFee == gross} exactly, always: a
 * split never creates or loses a micro-dollar. The canonical constructor checks that, too.
 *
 * <p>Each split rounds on its own: splitting many small charges (say every one-second tick) one by one
 * leaves each fractional micro-dollar with the host, so the platform's total can be slightly below the
 * exact percentage of the total. Split the sum of a settlement period where the platform's exact share
 * matters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param gross what the renter paid; not negative
 * @param hostShare what the host receives; not negative
 * @param platformFee what the platform keeps; not negative
 */
public record FeeSplit(Money gross, Money hostShare, Money platformFee) {

    /** 100 % in basis points (1 bp = 0.01 %). */
    public static final int MAX_FEE_BASIS_POINTS = 10_000;

    /** @throws IllegalArgumentException if an amount is null or negative or the shares do not add up to gross */
    public FeeSplit {
        ExactMath.requireNonNegative(gross, "gross");
        ExactMath.requireNonNegative(hostShare, "hostShare");
        ExactMath.requireNonNegative(platformFee, "platformFee");
        if (hostShare.plus(platformFee).compareTo(gross) != 0) {
            throw new IllegalArgumentException("hostShare " + hostShare + " + platformFee " + platformFee
                    + " must equal gross " + gross);
        }
    }

    /**
     * Splits {@code gross} with a platform fee of {@code feeBasisPoints}.
     *
     * @param gross what the renter paid; not negative
     * @param feeBasisPoints the platform's fee, 0..10,000 (e.g. 1,500 = 15 %)
     * @throws IllegalArgumentException if gross is null or negative, or the fee is outside 0..10,000
     */
    public static FeeSplit of(Money gross, int feeBasisPoints) {
        ExactMath.requireNonNegative(gross, "gross");
        if (feeBasisPoints < 0 || feeBasisPoints > MAX_FEE_BASIS_POINTS) {
            throw new IllegalArgumentException("feeBasisPoints must be between 0 and 10000, was " + feeBasisPoints);
        }
        // Split gross into whole 10,000ths and the rest so that gross × bp never overflows a long.
        long g = gross.micros();
        long feeMicros = (g / MAX_FEE_BASIS_POINTS) * feeBasisPoints
                + (g % MAX_FEE_BASIS_POINTS) * feeBasisPoints / MAX_FEE_BASIS_POINTS;
        Money fee = Money.ofMicros(feeMicros);
        return new FeeSplit(gross, gross.minus(fee), fee);
    }
}
