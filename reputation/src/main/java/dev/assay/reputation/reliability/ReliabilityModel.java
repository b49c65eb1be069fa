package dev.assay.reputation.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Estimates how reliable a host is from what the marketplace observed of it.
 *
 * <p>The model treats every hour as a coin toss "is the host up?" and keeps a Beta(α, β) belief about
 * the coin: α counts hours online, β counts hours offline, and each host-caused pod failure adds
 * {@code failurePenaltyHours} to β. Every piece of evidence is weighted by {@code 2^(−age ÷ halfLife)},
 * so last week matters more than last month and a host can recover from a bad patch. The prior
 * ({@code priorOnlineHours}, {@code priorOfflineHours}) is the belief about a host nobody has seen: it
 * is deliberately uncertain, so a new host's lower bound is well below 1 and it climbs as evidence
 * accumulates.
 *
 * <p>The weight of an interval {@code [s, e)} is the integral of the decay over it,
 * {@code (halfLife ÷ ln 2) × (2^(−age(e) ÷ halfLife) − 2^(−age(s) ÷ halfLife))} hours, so cutting an
 * interval in two changes nothing. With the default 7-day half-life, a host that has always been online
 * tends to α ≈ 9 + 242 (the decayed weight of all the past is halfLife ÷ ln 2 ≈ 242 hours), which bounds
 * how sure the model ever gets.
 *
 * <p>Pure and thread-safe: the result depends only on the arguments.
 */
public final class ReliabilityModel {

    /** Bound on the history one estimate reads (30 days of 1-minute flaps is 43,200). */
    public static final int MAX_INTERVALS = 100_000;
    /** Bound on the failures one estimate reads. */
    public static final int MAX_FAILURES = 10_000;

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private static final double SECONDS_PER_HOUR = 3_600.0;

    private final ReliabilityPolicy policy;

    /** A model with the given settings. */
    public ReliabilityModel(ReliabilityPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A model with {@link ReliabilityPolicy#defaults()}. */
    public static ReliabilityModel withDefaults() {
        return new ReliabilityModel(ReliabilityPolicy.defaults());
    }

    /** This model's settings. */
    public ReliabilityPolicy policy() {
        return policy;
    }

    /**
     * The host's reliability as of {@code asOf}.
     *
     * @param history the observed intervals, in any order; they must not overlap nor end after {@code asOf}
     * @param failures host-caused pod failures, none after {@code asOf}
     * @param asOf the instant the estimate is for (evidence ages are measured from it)
     * @throws IllegalArgumentException if intervals overlap, evidence lies after {@code asOf}, or a list is
     *     longer than {@link #MAX_INTERVALS} / {@link #MAX_FAILURES}
     */
    public ReliabilityEstimate estimate(List<ObservedInterval> history, List<HostFailure> failures, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        List<ObservedInterval> intervals = checkedHistory(history, asOf);
        checkFailures(failures, asOf);

        double alpha = policy.priorOnlineHours();
        double beta = policy.priorOfflineHours();
        for (ObservedInterval interval : intervals) {
            double weightHours = decayedHours(interval.start(), interval.end(), asOf);
            switch (interval.availability()) {
                case ONLINE -> alpha += weightHours;
                case OFFLINE -> beta += weightHours;
                case MAINTENANCE -> { } // announced in advance: neither for nor against the host
            }
        }
        int failures30d = 0;
        Instant monthAgo = asOf.minus(MONTH);
        for (HostFailure failure : failures) {
            beta += policy.failurePenaltyHours() * decay(failure.at(), asOf);
            if (failure.at().isAfter(monthAgo)) {
                failures30d++;
            }
        }

        double mean = alpha / (alpha + beta);
        double lowerBound = Math.min(mean, BetaDistribution.quantile(alpha, beta, policy.lowerBoundQuantile()));
        Window day = window(intervals, asOf, DAY);
        Window week = window(intervals, asOf, WEEK);
        Window month = window(intervals, asOf, MONTH);
        return new ReliabilityEstimate(mean, lowerBound, day.uptime(), week.uptime(), month.uptime(), failures30d,
                alpha, beta, Duration.ofSeconds(month.observedSeconds()));
    }

    /** The weight of evidence at {@code at}: 1 now, 1/2 one half-life ago. */
    private double decay(Instant at, Instant asOf) {
        double ageSeconds = Duration.between(at, asOf).toMillis() / 1_000.0;
        return Math.pow(2, -ageSeconds / halfLifeSeconds());
    }

    /** The integral of {@link #decay} over [start, end), in hours. */
    private double decayedHours(Instant start, Instant end, Instant asOf) {
        double halfLifeHours = halfLifeSeconds() / SECONDS_PER_HOUR;
        return halfLifeHours / Math.log(2) * (decay(end, asOf) - decay(start, asOf));
    }

    private double halfLifeSeconds() {
        return policy.halfLife().toMillis() / 1_000.0;
    }

    private record Window(long onlineSeconds, long observedSeconds) {
        double uptime() {
            return observedSeconds == 0 ? 0.0 : (double) onlineSeconds / observedSeconds;
        }
    }

    private static Window window(List<ObservedInterval> intervals, Instant asOf, Duration length) {
        Instant from = asOf.minus(length);
        long online = 0;
        long observed = 0;
        for (ObservedInterval interval : intervals) {
            Instant start = interval.start().isAfter(from) ? interval.start() : from;
            if (!interval.end().isAfter(start) || interval.availability() == HostAvailability.MAINTENANCE) {
                continue;
            }
            long seconds = Duration.between(start, interval.end()).toSeconds();
            observed += seconds;
            if (interval.availability() == HostAvailability.ONLINE) {
                online += seconds;
            }
        }
        return new Window(online, observed);
    }

    private static List<ObservedInterval> checkedHistory(List<ObservedInterval> history, Instant asOf) {
        Objects.requireNonNull(history, "history");
        if (history.size() > MAX_INTERVALS) {
            throw new IllegalArgumentException(
                    "history must hold at most " + MAX_INTERVALS + " intervals, had " + history.size());
        }
        List<ObservedInterval> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparing(ObservedInterval::start));
        for (int i = 0; i < sorted.size(); i++) {
            ObservedInterval interval = sorted.get(i);
            if (interval.end().isAfter(asOf)) {
                throw new IllegalArgumentException("history must end by asOf " + asOf + ", an interval ends at " + interval.end());
            }
            if (i > 0 && interval.start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("history intervals must not overlap: one starting at "
                        + interval.start() + " overlaps one ending at " + sorted.get(i - 1).end());
            }
        }
        return sorted;
    }

    private static void checkFailures(List<HostFailure> failures, Instant asOf) {
        Objects.requireNonNull(failures, "failures");
        if (failures.size() > MAX_FAILURES) {
            throw new IllegalArgumentException("failures must hold at most " + MAX_FAILURES + ", had " + failures.size());
        }
        for (HostFailure failure : failures) {
            if (failure.at().isAfter(asOf)) {
                throw new IllegalArgumentException("failures must not be after asOf " + asOf + ", one is at " + failure.at());
            }
        }
    }
}
