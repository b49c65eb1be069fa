package dev.assay.bench.timefold;

/**
 * What a placement batch costs: the all-in price per hour of the pods placed, and the pods left unplaced,
 * each charged {@link #UNPLACED_PENALTY_MICROS}.
 *
 * @param placedMicrosPerHour Σ all-in price per hour of the placed pods, micro-dollars
 * @param unplaced pods that found no host
 */
public record BatchCost(long placedMicrosPerHour, int unplaced) {

    /**
     * What leaving a pod unplaced costs, micro-dollars per hour: $100/h, more than any single pod's price in
     * the generated market (8 × H200 at the top of its band is about $33/h), so a solution that places a pod
     * is always cheaper than one that leaves it out.
     */
    public static final long UNPLACED_PENALTY_MICROS = 100_000_000L;

    public BatchCost {
        if (placedMicrosPerHour < 0 || unplaced < 0) {
            throw new IllegalArgumentException("placedMicrosPerHour and unplaced must be >= 0, were "
                    + placedMicrosPerHour + " and " + unplaced);
        }
    }

    /** Placed price plus the penalty for every unplaced pod, micro-dollars per hour. */
    public long totalMicrosPerHour() {
        return Math.addExact(placedMicrosPerHour, Math.multiplyExact(unplaced, UNPLACED_PENALTY_MICROS));
    }
}
