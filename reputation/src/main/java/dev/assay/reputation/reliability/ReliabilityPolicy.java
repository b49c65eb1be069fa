package dev.assay.reputation.reliability;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the {@link ReliabilityModel}.
 *
 * @param halfLife evidence this old weighs half as much as evidence from now (default 7 days)
 * @param priorOnlineHours the prior's Beta α: what a new host is credited with before any evidence
 * @param priorOfflineHours the prior's Beta β: a new host starts with some doubt, not a perfect record
 * @param failurePenaltyHours how many hours offline one host-caused pod failure counts as
 * @param lowerBoundQuantile the quantile of the posterior used for ranking (0.05: a 95 % one-sided bound)
 * @throws IllegalArgumentException naming the field, if a value is out of range
 */
public record ReliabilityPolicy(
        Duration halfLife,
        double priorOnlineHours,
        double priorOfflineHours,
        double failurePenaltyHours,
        double lowerBoundQuantile) {

    /** Shortest allowed half-life: evidence must count for at least an hour. */
    public static final Duration MIN_HALF_LIFE = Duration.ofHours(1);
    /** Longest allowed half-life; also keeps the posterior's parameters small enough to compute quickly. */
    public static final Duration MAX_HALF_LIFE = Duration.ofDays(365);

    public ReliabilityPolicy {
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.compareTo(MIN_HALF_LIFE) < 0 || halfLife.compareTo(MAX_HALF_LIFE) > 0) {
            throw new IllegalArgumentException("halfLife must be within 1 hour..365 days, was " + halfLife);
        }
        requireWithin("priorOnlineHours", priorOnlineHours, 0.1, 1_000);
        requireWithin("priorOfflineHours", priorOfflineHours, 0.1, 1_000);
        requireWithin("failurePenaltyHours", failurePenaltyHours, 0, 1_000);
        requireWithin("lowerBoundQuantile", lowerBoundQuantile, 0.001, 0.5);
    }

    /**
     * Half-life 7 days; prior Beta(9, 1) (a new host is credited with 9 good hours and 1 bad one: mean
     * 0.9, lower bound 0.717); one host-caused pod failure counts as 4 hours offline; lower bound at the
     * 5th percentile.
     */
    public static ReliabilityPolicy defaults() {
        return new ReliabilityPolicy(Duration.ofDays(7), 9, 1, 4, 0.05);
    }

    /** These settings with another half-life. */
    public ReliabilityPolicy withHalfLife(Duration newHalfLife) {
        return new ReliabilityPolicy(newHalfLife, priorOnlineHours, priorOfflineHours, failurePenaltyHours, lowerBoundQuantile);
    }

    private static void requireWithin(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be within " + min + ".." + max + ", was " + value);
        }
    }
}
