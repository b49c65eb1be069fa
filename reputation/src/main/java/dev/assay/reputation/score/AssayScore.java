package dev.assay.reputation.score;

import java.util.ArrayList;
import java.util.List;

/**
 * The Assay Score: one published, reproducible number per GPU. It is the weighted geometric mean of
 * the four {@link MeasuredFigures}, each divided by the reference GPU's value, times 100:
 *
 * <pre>score = 100 × Π (measured_i ÷ reference_i) ^ weight_i</pre>
 *
 * <p>Weights and references are in {@link ScoreFigure}. Properties the tests hold it to: the reference
 * figures score exactly 100; the score never falls when a figure rises; scaling every figure by x
 * scales the score by x (the weights add up to 1). A geometric mean means no single figure can make up
 * for a missing one: doubling memory bandwidth does not hide a slow tensor unit.
 *
 * <p>Stateless and thread-safe.
 */
public final class AssayScore {

    /** The score of the reference GPU. */
    public static final double REFERENCE_SCORE = 100.0;

    private AssayScore() {}

    /** The reference GPU's figures: a GPU measuring exactly these scores 100. */
    public static MeasuredFigures referenceFigures() {
        return new MeasuredFigures(
                ScoreFigure.TENSOR_TFLOPS.reference(),
                ScoreFigure.MEMORY_BANDWIDTH_GBPS.reference(),
                ScoreFigure.FP32_TFLOPS.reference(),
                ScoreFigure.HOST_TO_DEVICE_GBPS.reference());
    }

    /** The Assay Score of these figures. */
    public static double of(MeasuredFigures figures) {
        return explain(figures).score();
    }

    /** The Assay Score of these figures with each term shown. */
    public static ScoreExplanation explain(MeasuredFigures figures) {
        List<ScoreTerm> terms = new ArrayList<>(ScoreFigure.values().length);
        // Sum of logs rather than a product of powers: one rounding per term, and ln(1) = 0 exactly, so
        // the reference figures give exp(0) × 100 = 100 with no rounding at all.
        double logSum = 0;
        for (ScoreFigure figure : ScoreFigure.values()) {
            double measured = figures.get(figure);
            double ratio = measured / figure.reference();
            double logFactor = figure.weight() * Math.log(ratio);
            logSum += logFactor;
            terms.add(new ScoreTerm(figure, measured, figure.reference(), figure.weight(), ratio, Math.exp(logFactor)));
        }
        return new ScoreExplanation(terms, REFERENCE_SCORE * Math.exp(logSum));
    }
}
