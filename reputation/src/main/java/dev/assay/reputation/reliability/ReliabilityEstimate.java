package dev.assay.reputation.reliability;

import java.time.Duration;

/**
 * A host's reliability as of one instant, with its components so the console can show how it was made.
 *
 * @param mean the posterior mean α ÷ (α + β): the best single guess of the chance the host is up
 * @param lowerBound the posterior's {@code lowerBoundQuantile} (5th percentile by default); search ranks
 *     by this, so a host with little evidence ranks below a proven one with the same mean
 * @param uptime1d online time ÷ observed time (online + offline; maintenance excluded) in the last day;
 *     0 when nothing was observed in that window (see {@code observed30d})
 * @param uptime7d the same over 7 days
 * @param uptime30d the same over 30 days
 * @param failures30d host-caused pod failures in the last 30 days (not decayed)
 * @param alpha the posterior's α: prior + decayed online hours
 * @param beta the posterior's β: prior + decayed offline hours + decayed failure penalties
 * @param observed30d online + offline time observed in the last 30 days
 */
public record ReliabilityEstimate(
        double mean,
        double lowerBound,
        double uptime1d,
        double uptime7d,
        double uptime30d,
        int failures30d,
        double alpha,
        double beta,
        Duration observed30d) {}
