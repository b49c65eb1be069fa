package dev.assay.reputation.score;

import java.util.List;

/**
 * How one Assay Score was made, so the console can show it and a renter can recompute it:
 * {@code score = 100 × Π factor}, with {@code factor = (measured ÷ reference) ^ weight} per term.
 *
 * @param terms one term per {@link ScoreFigure}, in declaration order
 * @param score the Assay Score (not rounded)
 */
public record ScoreExplanation(List<ScoreTerm> terms, double score) {

    /** The formula in words, as the console prints it. */
    public static final String FORMULA =
            "score = 100 × (tensor ÷ 249.6)^0.40 × (memory ÷ 1564)^0.30 × (fp32 ÷ 13.65)^0.20 × (h2d ÷ 25.2)^0.10";

    public ScoreExplanation {
        terms = List.copyOf(terms);
    }

    /** The term of one figure. */
    public ScoreTerm term(ScoreFigure figure) {
        return terms.stream().filter(t -> t.figure() == figure).findFirst()
                .orElseThrow(() -> new IllegalStateException("no term for " + figure));
    }
}
