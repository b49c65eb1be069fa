package dev.assay.reputation.plausibility;

import dev.assay.reputation.score.ScoreFigure;
import dev.assay.reputation.sku.Baseline;
import java.util.Locale;

/** One thing wrong with a benchmark report, naming the figure or fact and why. */
public sealed interface PlausibilityFinding {

    /** A sentence for the host and the console. */
    String explanation();

    /**
     * A figure above what the claimed SKU can physically do.
     *
     * @param ceiling the datasheet peak (or PCIe link ceiling)
     * @param limit ceiling × (1 + tolerance): the most an honest GPU can report
     */
    record AboveCeiling(ScoreFigure figure, double measured, double ceiling, double limit) implements PlausibilityFinding {
        @Override
        public String explanation() {
            return String.format(Locale.ROOT, "%s of %.1f %s is above the claimed GPU's physical limit of %.1f %s"
                    + " (datasheet %.1f + tolerance)", figure.label(), measured, figure.unit(), limit, figure.unit(), ceiling);
        }
    }

    /**
     * A figure far below what a healthy GPU of the claimed SKU measures.
     *
     * @param baseline the SKU's baseline figure
     * @param floor baseline × the degraded fraction: the least a healthy GPU reports
     * @param basis where the baseline comes from (an estimated one is said so)
     */
    record BelowBaseline(ScoreFigure figure, double measured, double baseline, double floor, Baseline.Basis basis)
            implements PlausibilityFinding {
        @Override
        public String explanation() {
            String kind = basis == Baseline.Basis.ESTIMATED_FROM_DATASHEET ? "estimated baseline" : "baseline";
            return String.format(Locale.ROOT, "%s of %.1f %s is %.0f %% of the %s %.1f %s (healthy: at least %.1f)",
                    figure.label(), measured, figure.unit(), 100 * measured / baseline, kind, baseline, figure.unit(), floor);
        }
    }

    /** An NVML fact that contradicts the claimed SKU. */
    record FactMismatch(NvmlFact fact, String reported, String expected) implements PlausibilityFinding {
        @Override
        public String explanation() {
            return "NVML reports " + fact.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + reported
                    + " but the claimed GPU has " + expected;
        }
    }
}
