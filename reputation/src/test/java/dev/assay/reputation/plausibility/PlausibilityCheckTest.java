package dev.assay.reputation.plausibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.reputation.plausibility.PlausibilityFinding.AboveCeiling;
import dev.assay.reputation.plausibility.PlausibilityFinding.BelowBaseline;
import dev.assay.reputation.plausibility.PlausibilityFinding.FactMismatch;
import dev.assay.reputation.plausibility.PlausibilityVerdict.Degraded;
import dev.assay.reputation.plausibility.PlausibilityVerdict.Impossible;
import dev.assay.reputation.plausibility.PlausibilityVerdict.Plausible;
import dev.assay.reputation.plausibility.PlausibilityVerdict.Suspicious;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.score.ScoreFigure;
import dev.assay.reputation.sku.Baseline;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class PlausibilityCheckTest {

    private static final SkuCatalogue CATALOGUE = SkuCatalogue.bundled();
    private final PlausibilityCheck check = PlausibilityCheck.withDefaults();

    private static GpuSku sku(String name) {
        return CATALOGUE.find(name).orElseThrow();
    }

    /** What NVML says about an honest GPU of this SKU (the driver reserves a little memory). */
    static NvmlFacts honestFacts(GpuSku sku) {
        return new NvmlFacts(sku.nvmlName(), sku.pciDeviceIds().getFirst(), sku.memoryMib() - 400, sku.memoryBusWidthBits());
    }

    @Provide
    Arbitrary<GpuSku> skus() {
        return Arbitraries.of(CATALOGUE.all());
    }

    @Property
    void everySkusOwnBaselineIsPlausible(@ForAll("skus") GpuSku sku) {
        PlausibilityVerdict verdict = check.check(sku, honestFacts(sku), sku.expectedBaseline().figures());
        assertThat(verdict).isEqualTo(new Plausible(sku.id()));
    }

    @Property
    void figuresBetweenTheDegradedFloorAndTheCeilingArePlausible(@ForAll("skus") GpuSku sku,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) double position) {
        MeasuredFigures baseline = sku.expectedBaseline().figures();
        MeasuredFigures measured = baseline;
        for (ScoreFigure figure : ScoreFigure.values()) {
            double low = baseline.get(figure) * 0.7;
            double high = sku.ceiling(figure) * 1.05;
            // Clamped: low + 1.0 × (high − low) can round to just above high.
            measured = measured.with(figure, Math.min(high, Math.max(low, low + position * (high - low))));
        }
        assertThat(check.check(sku, honestFacts(sku), measured)).isInstanceOf(Plausible.class);
    }

    @Property
    void anyFigureAboveTheCeilingIsImpossible(@ForAll("skus") GpuSku sku, @ForAll ScoreFigure figure,
            @ForAll @DoubleRange(min = 1.051, max = 10.0) @Scale(3) double overCeiling) {
        MeasuredFigures measured = sku.expectedBaseline().figures().with(figure, sku.ceiling(figure) * overCeiling);
        PlausibilityVerdict verdict = check.check(sku, honestFacts(sku), measured);
        assertThat(verdict).isInstanceOf(Impossible.class);
        assertThat(((Impossible) verdict).excesses()).extracting(AboveCeiling::figure).containsExactly(figure);
    }

    @Property
    void anyFigureFarBelowTheBaselineIsDegraded(@ForAll("skus") GpuSku sku, @ForAll ScoreFigure figure,
            @ForAll @DoubleRange(min = 0.01, max = 0.69) double fraction) {
        MeasuredFigures baseline = sku.expectedBaseline().figures();
        PlausibilityVerdict verdict = check.check(sku, honestFacts(sku), baseline.with(figure, baseline.get(figure) * fraction));
        assertThat(verdict).isInstanceOf(Degraded.class);
        assertThat(((Degraded) verdict).shortfalls()).extracting(BelowBaseline::figure).containsExactly(figure);
    }

    @Test
    void aRtx4090ReportingH100TensorThroughputIsImpossible() {
        GpuSku rtx4090 = sku("RTX 4090");
        MeasuredFigures measured = new MeasuredFigures(750, 900, 70, 25);
        PlausibilityVerdict verdict = check.check(rtx4090, honestFacts(rtx4090), measured);

        assertThat(verdict).isInstanceOf(Impossible.class);
        AboveCeiling excess = ((Impossible) verdict).excesses().getFirst();
        assertThat(excess.figure()).isEqualTo(ScoreFigure.TENSOR_TFLOPS);
        assertThat(excess.limit()).isEqualTo(165.2 * 1.05);
        assertThat(excess.explanation()).contains("tensor TFLOPS of 750.0", "173.5");
    }

    @Test
    void aThrottledH100IsDegradedNamingTheFigure() {
        GpuSku h100 = sku("NVIDIA H100 80GB HBM3");
        MeasuredFigures measured = new MeasuredFigures(790, 1500, 45, 50);
        PlausibilityVerdict verdict = check.check(h100, honestFacts(h100), measured);

        assertThat(verdict).isInstanceOf(Degraded.class);
        BelowBaseline shortfall = ((Degraded) verdict).shortfalls().getFirst();
        assertThat(shortfall.figure()).isEqualTo(ScoreFigure.MEMORY_BANDWIDTH_GBPS);
        assertThat(shortfall.baseline()).isEqualTo(2540.0);
        assertThat(shortfall.floor()).isEqualTo(2540.0 * 0.7);
        assertThat(shortfall.basis()).isEqualTo(Baseline.Basis.PUBLISHED_MEASUREMENT);
        assertThat(shortfall.explanation()).contains("memory bandwidth of 1500.0 GB/s is 59 % of the baseline 2540.0");
    }

    @Test
    void aConsumerCardClaimingToBeAnH100IsSuspicious() {
        GpuSku h100 = sku("H100 SXM");
        GpuSku rtx4090 = sku("RTX 4090");
        NvmlFacts facts = new NvmlFacts("NVIDIA GeForce RTX 4090", 0x2684, 24_564, 384);
        PlausibilityVerdict verdict = check.check(h100, facts, rtx4090.expectedBaseline().figures());

        assertThat(verdict).isInstanceOf(Suspicious.class);
        assertThat(((Suspicious) verdict).mismatches()).extracting(FactMismatch::fact).containsExactly(
                NvmlFact.NAME, NvmlFact.PCI_DEVICE_ID, NvmlFact.MEMORY_TOTAL, NvmlFact.MEMORY_BUS_WIDTH);
        assertThat(((Suspicious) verdict).mismatches().get(1).explanation())
                .isEqualTo("NVML reports pci device id 0x2684 but the claimed GPU has 0x2330");
        // The figures are far below an H100's too; the verdict keeps those findings as well.
        assertThat(verdict.findings()).hasAtLeastOneElementOfType(BelowBaseline.class);
    }

    @Test
    void eccOnAGddrBoardHidesASixteenthOfTheMemoryAndThatIsFine() {
        GpuSku l40s = sku("NVIDIA L40S");
        NvmlFacts eccOn = new NvmlFacts("NVIDIA L40S", 0x26B9, 46_068, 384);
        assertThat(check.check(l40s, eccOn, l40s.expectedBaseline().figures())).isInstanceOf(Plausible.class);

        NvmlFacts tooMuch = new NvmlFacts("NVIDIA L40S", 0x26B9, 60_000, 384);
        assertThat(check.check(l40s, tooMuch, l40s.expectedBaseline().figures())).isInstanceOf(Suspicious.class);
    }

    @Test
    void impossibleWinsOverSuspicious() {
        GpuSku rtx3090 = sku("RTX 3090");
        NvmlFacts wrong = new NvmlFacts("NVIDIA GeForce RTX 4090", 0x2684, 24_564, 384);
        PlausibilityVerdict verdict = check.check(rtx3090, wrong, new MeasuredFigures(160, 1000, 80, 25));
        assertThat(verdict).isInstanceOf(Impossible.class);
        assertThat(verdict.findings()).hasAtLeastOneElementOfType(FactMismatch.class);
    }

    @Test
    void readsNvmlsCombinedPciId() {
        assertThat(NvmlFacts.deviceIdFromNvml(0x268410DE)).isEqualTo(0x2684);
        assertThatThrownBy(() -> NvmlFacts.deviceIdFromNvml(0x26841002))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vendor");
    }
}
