package dev.assay.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.reputation.challenge.ChallengeMatrices;
import dev.assay.reputation.challenge.ChallengeSpec;
import dev.assay.reputation.challenge.ChallengeVerifier;
import dev.assay.reputation.challenge.HostSolver;
import dev.assay.reputation.plausibility.NvmlFacts;
import dev.assay.reputation.plausibility.PlausibilityCheck;
import dev.assay.reputation.plausibility.PlausibilityVerdict;
import dev.assay.reputation.plausibility.PlausibilityVerdict.Degraded;
import dev.assay.reputation.reliability.HostAvailability;
import dev.assay.reputation.reliability.HostFailure;
import dev.assay.reputation.reliability.ObservedInterval;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import dev.assay.reputation.reliability.ReliabilityModel;
import dev.assay.reputation.score.AssayScore;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.score.ScoreExplanation;
import dev.assay.reputation.score.ScoreFigure;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Backs the worked examples of the reputation sections of {@code docs/marketplace-rules.md}: one test per section, asserting every number as the doc writes it.
 * If a rule changes, this test and the doc change together.
 */
class WorkedExamplesTest {

    private static final SkuCatalogue CATALOGUE = SkuCatalogue.bundled();

    private static String rounded(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** Section "Assay Score", worked example. */
    @Test
    void assayScore() {
        assertThat(AssayScore.referenceFigures()).isEqualTo(new MeasuredFigures(249.6, 1_564, 13.65, 25.2));
        assertThat(ScoreExplanation.FORMULA).contains("249.6)^0.40", "1564)^0.30", "13.65)^0.20", "25.2)^0.10");

        ScoreExplanation rtx4090 = AssayScore.explain(new MeasuredFigures(150, 900, 60, 24));
        assertThat(rounded(rtx4090.term(ScoreFigure.TENSOR_TFLOPS).ratio(), 4)).isEqualTo("0.6010");
        assertThat(rounded(rtx4090.term(ScoreFigure.TENSOR_TFLOPS).factor(), 4)).isEqualTo("0.8157");
        assertThat(rounded(rtx4090.term(ScoreFigure.MEMORY_BANDWIDTH_GBPS).ratio(), 4)).isEqualTo("0.5754");
        assertThat(rounded(rtx4090.term(ScoreFigure.MEMORY_BANDWIDTH_GBPS).factor(), 4)).isEqualTo("0.8472");
        assertThat(rounded(rtx4090.term(ScoreFigure.FP32_TFLOPS).ratio(), 4)).isEqualTo("4.3956");
        assertThat(rounded(rtx4090.term(ScoreFigure.FP32_TFLOPS).factor(), 4)).isEqualTo("1.3446");
        assertThat(rounded(rtx4090.term(ScoreFigure.HOST_TO_DEVICE_GBPS).ratio(), 4)).isEqualTo("0.9524");
        assertThat(rounded(rtx4090.term(ScoreFigure.HOST_TO_DEVICE_GBPS).factor(), 4)).isEqualTo("0.9951");
        assertThat(rounded(rtx4090.score(), 2)).isEqualTo("92.48");
        assertThat(rounded(AssayScore.of(new MeasuredFigures(300, 1_800, 120, 48)), 2)).isEqualTo("184.95");

        GpuSku h100 = CATALOGUE.find("NVIDIA H100 80GB HBM3").orElseThrow();
        MeasuredFigures h100Baseline = h100.expectedBaseline().figures();
        assertThat(h100Baseline).isEqualTo(new MeasuredFigures(798, 2_540, 46.83, 50.4));
        assertThat(rounded(AssayScore.of(h100Baseline), 2)).isEqualTo("252.50");
    }

    /** Section "Reliability", worked example. */
    @Test
    void reliability() {
        Instant now = Instant.parse("2025-06-30T00:00:00Z");
        Instant enrolled = now.minus(Duration.ofDays(10));
        Instant outageStart = now.minus(Duration.ofDays(2));
        Instant outageEnd = outageStart.plus(Duration.ofHours(6));
        List<ObservedInterval> history = List.of(
                new ObservedInterval(enrolled, outageStart, HostAvailability.ONLINE),
                new ObservedInterval(outageStart, outageEnd, HostAvailability.OFFLINE),
                new ObservedInterval(outageEnd, now, HostAvailability.ONLINE));
        List<HostFailure> failures = List.of(new HostFailure(now.minus(Duration.ofDays(1)), "GPU fell off the bus"));

        ReliabilityModel model = ReliabilityModel.withDefaults();
        ReliabilityEstimate estimate = model.estimate(history, failures, now);

        assertThat(model.policy().halfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(rounded(168 / Math.log(2), 2)).isEqualTo("242.37");
        assertThat(rounded(estimate.alpha(), 2)).isEqualTo("156.35");
        assertThat(rounded(estimate.beta(), 2)).isEqualTo("9.61");
        assertThat(rounded(estimate.mean(), 4)).isEqualTo("0.9421");
        assertThat(rounded(estimate.lowerBound(), 4)).isEqualTo("0.9097");
        assertThat(rounded(100 * estimate.uptime1d(), 2)).isEqualTo("100.00");
        assertThat(rounded(100 * estimate.uptime7d(), 2)).isEqualTo("96.43");
        assertThat(rounded(100 * estimate.uptime30d(), 2)).isEqualTo("97.50");
        assertThat(estimate.failures30d()).isEqualTo(1);

        ReliabilityEstimate fresh = model.estimate(List.of(), List.of(), now);
        assertThat(rounded(fresh.mean(), 3)).isEqualTo("0.900");
        assertThat(rounded(fresh.lowerBound(), 3)).isEqualTo("0.717");
    }

    /** Section "Plausibility of a benchmark report", the quoted finding. */
    @Test
    void plausibility() {
        GpuSku h100 = CATALOGUE.find("NVIDIA H100 80GB HBM3").orElseThrow();
        NvmlFacts facts = new NvmlFacts("NVIDIA H100 80GB HBM3", 0x2330, 81_559, 5_120);
        PlausibilityVerdict verdict = PlausibilityCheck.withDefaults().check(h100, facts, new MeasuredFigures(790, 1_500, 45, 50));
        assertThat(verdict).isInstanceOf(Degraded.class);
        assertThat(verdict.findings().getFirst().explanation()).isEqualTo(
                "memory bandwidth of 1500.0 GB/s is 59 % of the baseline 2540.0 GB/s (healthy: at least 1778.0)");
    }

    /** Section "Proof-of-GPU challenge", worked example. */
    @Test
    void challenge() {
        GpuSku rtx4090 = CATALOGUE.find("RTX 4090").orElseThrow();
        assertThat(rtx4090.datasheetPeaks().int8Tops()).isEqualTo(660.6);
        ChallengeSpec spec = new ChallengeSpec(123, 8_192, 32);
        assertThat(rounded(10 * 2 * spec.multiplyAdds() / 660.6e12 * 1e3, 3)).isEqualTo("16.644");
        assertThat(rounded(spec.productBytes() / 1e9 * 1e3, 3)).isEqualTo("268.435");
        assertThat(ChallengeVerifier.withDefaults().timeLimit(spec, rtx4090)).isEqualTo(Duration.ofNanos(2_285_080_000L));

        assertThat(rounded(ChallengeVerifier.chanceWrongProductPasses(8_192, 819, 32), 4)).isEqualTo("0.0341");
        assertThat(rounded(Math.pow(1 - 819.0 / 8_192, 32), 4)).isEqualTo("0.0344");
        assertThat(String.format(Locale.ROOT, "%.2e", ChallengeVerifier.chanceWrongProductPasses(8_192, 4_096, 32))).isEqualTo("2.19e-10");
        assertThat(rounded(ChallengeVerifier.chanceWrongProductPasses(8_192, 82, 32), 2)).isEqualTo("0.72");
        assertThat(rounded(32.0 * 8_192 * 8_192 / 1e9, 1)).isEqualTo("2.1");

        ChallengeSpec knownAnswer = new ChallengeSpec(42, 16, 4);
        assertThat(ChallengeMatrices.of(knownAnswer).productRow(0)).startsWith(-25_932, 31_864, 26_291, -44_055);
        assertThat(HostSolver.solve(knownAnswer).root().hex()).startsWith("6aaaf290").endsWith("327c07e9");
    }
}
