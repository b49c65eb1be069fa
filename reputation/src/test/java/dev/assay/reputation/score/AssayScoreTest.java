package dev.assay.reputation.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssayScoreTest {

    @Provide
    Arbitrary<MeasuredFigures> figures() {
        Arbitrary<Double> figure = Arbitraries.doubles().between(0.01, 100_000.0);
        return Combinators.combine(figure, figure, figure, figure).as(MeasuredFigures::new);
    }

    @Test
    void theReferenceFiguresScoreExactlyOneHundred() {
        assertThat(AssayScore.of(AssayScore.referenceFigures())).isEqualTo(100.0);
    }

    @Test
    void theWeightsAddUpToOne() {
        double sum = Arrays.stream(ScoreFigure.values()).mapToDouble(ScoreFigure::weight).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @Property
    void scalingEveryFigureByXScalesTheScoreByX(@ForAll("figures") MeasuredFigures figures,
            @ForAll @DoubleRange(min = 0.01, max = 100.0) double x) {
        double scaled = AssayScore.of(figures.scaledBy(x));
        assertThat(scaled).isCloseTo(x * AssayScore.of(figures), within(1e-9 * x * AssayScore.of(figures)));
    }

    @Property
    void theScoreNeverFallsWhenAFigureRises(@ForAll("figures") MeasuredFigures figures, @ForAll ScoreFigure figure,
            @ForAll @DoubleRange(min = 1.0, max = 50.0) double factor) {
        MeasuredFigures better = figures.with(figure, figures.get(figure) * factor);
        assertThat(AssayScore.of(better)).isGreaterThanOrEqualTo(AssayScore.of(figures));
    }

    @Property
    void theScoreRisesStrictlyWhenAFigureRisesNoticeably(@ForAll("figures") MeasuredFigures figures,
            @ForAll ScoreFigure figure, @ForAll @DoubleRange(min = 1.001, max = 50.0) @Scale(4) double factor) {
        MeasuredFigures better = figures.with(figure, figures.get(figure) * factor);
        assertThat(AssayScore.of(better)).isGreaterThan(AssayScore.of(figures));
    }

    @Property
    void theExplanationRecomputesTheScore(@ForAll("figures") MeasuredFigures figures) {
        ScoreExplanation explanation = AssayScore.explain(figures);
        double product = 100.0;
        for (ScoreTerm term : explanation.terms()) {
            assertThat(term.ratio()).isCloseTo(term.measured() / term.reference(), within(1e-12 * term.ratio()));
            assertThat(term.factor()).isCloseTo(Math.pow(term.ratio(), term.weight()), within(1e-12 * term.factor()));
            product *= term.factor();
        }
        assertThat(explanation.terms()).extracting(ScoreTerm::figure).containsExactly(ScoreFigure.values());
        assertThat(explanation.score()).isCloseTo(product, within(1e-9 * product));
        assertThat(AssayScore.of(figures)).isEqualTo(explanation.score());
    }

    @Test
    void aGpuTwiceAsFastOnlyInTensorGainsTwoToThePowerOfItsWeight() {
        MeasuredFigures tensorTwice = AssayScore.referenceFigures().with(ScoreFigure.TENSOR_TFLOPS, 2 * 249.6);
        assertThat(AssayScore.of(tensorTwice)).isCloseTo(100 * Math.pow(2, 0.4), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, 2.0e7})
    void figuresMustBePositiveAndFinite(double bad) {
        assertThatThrownBy(() -> new MeasuredFigures(100, bad, 10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryBandwidthGbps");
    }
}
