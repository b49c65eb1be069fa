package dev.assay.reputation.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class BetaDistributionTest {

    @Property
    void matchesTheClosedFormsWhereOneParameterIsOne(@ForAll @DoubleRange(min = 0.1, max = 2_000) double a,
            @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(4) double x) {
        // ln Γ(a + 1) − ln Γ(a) loses about 1e-16 × ln Γ(a) to cancellation, hence 1e-10 rather than 1e-15.
        assertThat(BetaDistribution.cdf(a, 1, x)).isCloseTo(Math.pow(x, a), within(1e-10));
        assertThat(BetaDistribution.cdf(1, a, x)).isCloseTo(1 - Math.pow(1 - x, a), within(1e-10));
    }

    @Property
    void matchesBeta2and3(@ForAll @DoubleRange(min = 0.0, max = 1.0) double x) {
        // Beta(2, 3): CDF = 6x² − 8x³ + 3x⁴.
        assertThat(BetaDistribution.cdf(2, 3, x)).isCloseTo(6 * x * x - 8 * x * x * x + 3 * x * x * x * x, within(1e-13));
    }

    @Property
    void theQuantileInvertsTheCdf(@ForAll @DoubleRange(min = 0.2, max = 5_000) double a,
            @ForAll @DoubleRange(min = 0.2, max = 5_000) double b, @ForAll @DoubleRange(min = 0.01, max = 0.99) double p) {
        double x = BetaDistribution.quantile(a, b, p);
        assertThat(x).isBetween(0.0, 1.0);
        // x is the first double whose CDF reaches p (up to the CDF's own error): near 0 or 1 a steep CDF can
        // jump by more than 1e-9 between neighbouring doubles, so "cdf(x) ≈ p" would ask the impossible.
        assertThat(BetaDistribution.cdf(a, b, x)).isGreaterThanOrEqualTo(p - 1e-10);
        assertThat(BetaDistribution.cdf(a, b, Math.nextDown(x))).isLessThanOrEqualTo(p + 1e-10);
    }

    @Test
    void logGammaMatchesFactorials() {
        assertThat(BetaDistribution.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(BetaDistribution.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
        assertThat(BetaDistribution.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(BetaDistribution.logGamma(101)).isCloseTo(363.73937555556347, within(1e-9));
    }
}
