package dev.assay.matching.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why the chosen host won: each scorer's score in [0, 1] and the weighted total.
 *
 * @param byScorer score per scorer name ({@code "value"}, {@code "reliability"}, ...), in pipeline order
 * @param total the weighted mean of {@code byScorer}, in [0, 1]
 */
public record ScoreBreakdown(Map<String, Double> byScorer, double total) {

    public ScoreBreakdown {
        if (byScorer == null) {
            throw new IllegalArgumentException("byScorer is required");
        }
        byScorer = Collections.unmodifiableMap(new LinkedHashMap<>(byScorer));
        if (!(total >= 0 && total <= 1)) {
            throw new IllegalArgumentException("total must be between 0 and 1, was " + total);
        }
    }
}
