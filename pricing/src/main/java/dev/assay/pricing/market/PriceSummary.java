package dev.assay.pricing.market;

import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The spread of a set of prices: lowest, 10th percentile, median, 90th percentile, highest.
 *
 * <p>Percentiles use the <em>nearest-rank</em> method: with the {@code n} prices sorted ascending, the
 * p-th percentile is the price at 1-based rank {@code ceil(p × n ÷ 100)}. Every percentile is therefore
 * one of the observed prices (never an interpolated price nobody asked), and the median of an even
 * count is the lower of the two middle prices. Computed in integers, so it is exact and deterministic.
 *
 * @param count how many prices; at least 1
 * @param min the lowest price
 * @param p10 10th percentile
 * @param median 50th percentile
 * @param p90 90th percentile
 * @param max the highest price
 */
public record PriceSummary(int count, Money min, Money p10, Money median, Money p90, Money max) {

    /** @throws IllegalArgumentException if count is below 1 or the figures are not in ascending order */
    public PriceSummary {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (min == null || p10 == null || median == null || p90 == null || max == null) {
            throw new IllegalArgumentException("min, p10, median, p90 and max are required");
        }
        if (min.compareTo(p10) > 0 || p10.compareTo(median) > 0 || median.compareTo(p90) > 0 || p90.compareTo(max) > 0) {
            throw new IllegalArgumentException("expected min <= p10 <= median <= p90 <= max, was "
                    + min + ", " + p10 + ", " + median + ", " + p90 + ", " + max);
        }
    }

    /**
     * Summarises {@code prices}.
     *
     * @throws IllegalArgumentException if there are no prices
     */
    public static PriceSummary of(Collection<Money> prices) {
        if (prices == null || prices.isEmpty()) {
            throw new IllegalArgumentException("prices must not be empty");
        }
        List<Money> sorted = new ArrayList<>(prices);
        sorted.sort(null);
        return new PriceSummary(sorted.size(), sorted.getFirst(), nearestRank(sorted, 10), nearestRank(sorted, 50),
                nearestRank(sorted, 90), sorted.getLast());
    }

    /** The {@code percent}-th percentile (1..100) of ascending {@code sorted} by nearest rank. */
    static Money nearestRank(List<Money> sorted, int percent) {
        long n = sorted.size();
        long rank = (percent * n + 99) / 100; // ceil(percent × n ÷ 100), at least 1 for percent >= 1
        return sorted.get((int) rank - 1);
    }
}
