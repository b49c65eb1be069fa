package dev.assay.api.billing;

import dev.assay.pricing.FeeSplit;
import dev.assay.pricing.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What the pod lifecycle asks the ledger to charge for one metered period of a running pod: the renter pays
 * {@code gross}, split by {@link FeeSplit#of(Money, int)} into the host's share and the platform's fee.
 *
 * <p>The lifecycle computes {@code gross} (the pod's rate or the interruptible clearing price over the
 * period, with {@link dev.assay.pricing.UsageMeter}); the ledger records it. A period whose charge rounds to
 * zero is simply not posted.
 *
 * @param podId          the pod ({@code pod_…}); letters, digits, {@code _ - : .}, at most 64 characters
 * @param renterOrgId    the organisation that rents the pod and pays
 * @param hostOrgId      the organisation whose host runs the pod and is paid
 * @param from           start of the period charged, inclusive; whole microseconds
 * @param to             end of the period, exclusive; after {@code from}, at most {@link #MAX_PERIOD} later,
 *                       whole microseconds
 * @param gross          what the renter pays for the period; positive
 * @param feeBasisPoints the platform fee, 0..10,000 (1,000 = 10 %)
 */
public record UsageCharge(String podId, String renterOrgId, String hostOrgId, Instant from, Instant to, Money gross,
        int feeBasisPoints) {

    /** The longest period one charge may cover; the lifecycle meters longer spans as several periods. */
    public static final Duration MAX_PERIOD = Duration.ofDays(1);

    static final int MAX_ID_CHARS = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_ID_CHARS + "}");

    /**
     * Checks the request on its own (TigerBeetle's stateless checks).
     *
     * @throws IllegalArgumentException naming the field that is missing or out of range
     */
    public UsageCharge {
        requireId("podId", podId);
        requireId("renterOrgId", renterOrgId);
        requireId("hostOrgId", hostOrgId);
        requireMicros("from", from);
        requireMicros("to", to);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("a charge covers at most " + MAX_PERIOD + "; [" + from + ", " + to
                    + ") is longer: charge it as several periods");
        }
        if (gross == null || !gross.isPositive()) {
            throw new IllegalArgumentException("gross must be positive, was " + gross);
        }
        if (feeBasisPoints < 0 || feeBasisPoints > FeeSplit.MAX_FEE_BASIS_POINTS) {
            throw new IllegalArgumentException("feeBasisPoints must be between 0 and "
                    + FeeSplit.MAX_FEE_BASIS_POINTS + ", was " + feeBasisPoints);
        }
    }

    /** The pod and period charged. */
    public MeteredPeriod period() {
        return new MeteredPeriod(podId, from, to);
    }

    /** The host's share and the platform's fee of {@code gross}. */
    public FeeSplit split() {
        return FeeSplit.of(gross, feeBasisPoints);
    }

    private static void requireId(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_ID_CHARS
                    + " letters, digits or _ - : . characters, was " + (id == null ? "missing" : "\"" + id + "\""));
        }
    }

    // Both databases keep microseconds: a finer instant would be stored as another one, and the same period
    // would no longer be recognised as already charged.
    private static void requireMicros(String field, Instant at) {
        if (at == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (at.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException(field + " must be a whole number of microseconds, was " + at);
        }
    }
}
