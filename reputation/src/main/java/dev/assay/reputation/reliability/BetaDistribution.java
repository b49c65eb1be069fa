package dev.assay.reputation.reliability;

/**
 * The Beta distribution's CDF (the regularised incomplete beta function) and its inverse, for real
 * α, β > 0. The CDF uses the continued fraction of Numerical Recipes (Press et al., 3rd ed., §6.4) with
 * the modified Lentz method; ln Γ uses Lanczos' approximation (g = 607/128, 15 terms), good to a relative 1e-15.
 * The quantile is found by bisection, which cannot fail to converge on a monotone CDF.
 */
final class BetaDistribution {

    private static final int MAX_FRACTION_TERMS = 10_000;
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    /** Enough halvings to reach the smallest subnormal double from 1. */
    private static final int BISECTION_STEPS = 1_100;

    /** Lanczos coefficients for g = 607/128, 15 terms (as in Apache Commons Math's {@code Gamma}). */
    private static final double LANCZOS_G = 607.0 / 128.0;
    private static final double[] LANCZOS = {
        0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
        -0.49191381609762019978, .33994649984811888699e-4, .46523628927048575665e-4, -.98374475304879564677e-4,
        .15808870322491248884e-3, -.21026444172410488319e-3, .21743961811521264320e-3, -.16431810653676389022e-3,
        .84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5
    };

    private BetaDistribution() {}

    /** P(X ≤ x) for X ~ Beta(α, β). */
    static double cdf(double alpha, double beta, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double logFront = logGamma(alpha + beta) - logGamma(alpha) - logGamma(beta)
                + alpha * Math.log(x) + beta * Math.log1p(-x);
        // The continued fraction converges fast only left of the mean; use the symmetry
        // I_x(α, β) = 1 − I_{1−x}(β, α) on the other side.
        if (x < (alpha + 1) / (alpha + beta + 2)) {
            return Math.exp(logFront) * continuedFraction(alpha, beta, x) / alpha;
        }
        return 1 - Math.exp(logFront) * continuedFraction(beta, alpha, 1 - x) / beta;
    }

    /** The x with P(X ≤ x) = p, for X ~ Beta(α, β) and 0 < p < 1. */
    static double quantile(double alpha, double beta, double p) {
        double lo = 0;
        double hi = 1;
        // Bisect until the midpoint is no longer a new double: full precision even for tiny quantiles
        // (Beta(0.2, 0.35) has its 1st percentile near 1e-12).
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (mid == lo || mid == hi) {
                break;
            }
            if (cdf(alpha, beta, mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double continuedFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_FRACTION_TERMS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return h;
            }
        }
        throw new IllegalStateException("incomplete beta did not converge for a=" + a + " b=" + b + " x=" + x);
    }

    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double sum = 0;
        for (int i = LANCZOS.length - 1; i > 0; i--) {
            sum += LANCZOS[i] / (x + i);
        }
        sum += LANCZOS[0];
        double t = x + LANCZOS_G + 0.5;
        return (x + 0.5) * Math.log(t) - t + 0.5 * Math.log(2 * Math.PI) + Math.log(sum / x);
    }
}
