package dev.assay.reputation.plausibility;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Judges a benchmark report against the SKU it claims to be.
 *
 * <ul>
 *   <li><b>Impossible</b>: a figure above the datasheet peak × (1 + {@code ceilingTolerance}). The
 *       tolerance (default 5 %) allows for factory-overclocked boards and boost clocks above the
 *       datasheet's; nothing honest goes further.
 *   <li><b>Suspicious</b>: NVML's name is not one of the SKU's names, its PCI device id is not the SKU's,
 *       its memory bus width differs, or its total memory lies outside [{@code memoryLowFraction},
 *       {@code memoryHighFraction}] × the nominal size. The low end (default 0.92) allows for memory the
 *       driver reserves and for ECC on GDDR boards, which hides 1/16 of it (an L40S with ECC on reports
 *       46,068 of 49,152 MiB); the high end (1.01) allows nothing real.
 *   <li><b>Degraded</b>: a figure below {@code degradedFraction} (default 0.7) × the SKU's baseline. NVIDIA's
 *       DCGM diagnostics fail memory bandwidth below 0.75 of their measured reference; we stay a little
 *       more lenient because most of our baselines are still estimated from the datasheet.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class PlausibilityCheck {

    private final double ceilingTolerance;
    private final double degradedFraction;
    private final double memoryLowFraction;
    private final double memoryHighFraction;

    /**
     * A check with the given margins.
     *
     * @throws IllegalArgumentException naming the field, if a margin is out of range
     */
    public PlausibilityCheck(double ceilingTolerance, double degradedFraction, double memoryLowFraction,
            double memoryHighFraction) {
        requireWithin("ceilingTolerance", ceilingTolerance, 0, 0.5);
        requireWithin("degradedFraction", degradedFraction, 0.1, 1);
        requireWithin("memoryLowFraction", memoryLowFraction, 0.5, 1);
        requireWithin("memoryHighFraction", memoryHighFraction, 1, 1.5);
        this.ceilingTolerance = ceilingTolerance;
        this.degradedFraction = degradedFraction;
        this.memoryLowFraction = memoryLowFraction;
        this.memoryHighFraction = memoryHighFraction;
    }

    /** Tolerance 5 % above the datasheet, degraded below 0.7 × baseline, memory within 0.92..1.01 × nominal. */
    public static PlausibilityCheck withDefaults() {
        return new PlausibilityCheck(0.05, 0.7, 0.92, 1.01);
    }

    /** The verdict on {@code measured} figures and NVML {@code facts} from a GPU that claims to be {@code claimed}. */
    public PlausibilityVerdict check(GpuSku claimed, NvmlFacts facts, MeasuredFigures measured) {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(measured, "measured");
        List<PlausibilityFinding> findings = new ArrayList<>();
        findings.addAll(aboveCeiling(claimed, measured));
        findings.addAll(factMismatches(claimed, facts));
        findings.addAll(belowBaseline(claimed, measured));

        if (findings.stream().anyMatch(AboveCeiling.class::isInstance)) {
            return new Impossible(claimed.id(), findings);
        }
        if (findings.stream().anyMatch(FactMismatch.class::isInstance)) {
            return new Suspicious(claimed.id(), findings);
        }
        if (!findings.isEmpty()) {
            return new Degraded(claimed.id(), findings);
        }
        return new Plausible(claimed.id());
    }

    private List<AboveCeiling> aboveCeiling(GpuSku sku, MeasuredFigures measured) {
        List<AboveCeiling> found = new ArrayList<>();
        for (ScoreFigure figure : ScoreFigure.values()) {
            double ceiling = sku.ceiling(figure);
            double limit = ceiling * (1 + ceilingTolerance);
            if (measured.get(figure) > limit) {
                found.add(new AboveCeiling(figure, measured.get(figure), ceiling, limit));
            }
        }
        return found;
    }

    private List<BelowBaseline> belowBaseline(GpuSku sku, MeasuredFigures measured) {
        Baseline baseline = sku.expectedBaseline();
        List<BelowBaseline> found = new ArrayList<>();
        for (ScoreFigure figure : ScoreFigure.values()) {
            double expected = baseline.figures().get(figure);
            double floor = expected * degradedFraction;
            if (measured.get(figure) < floor) {
                found.add(new BelowBaseline(figure, measured.get(figure), expected, floor, baseline.basis()));
            }
        }
        return found;
    }

    private List<FactMismatch> factMismatches(GpuSku sku, NvmlFacts facts) {
        List<FactMismatch> found = new ArrayList<>();
        if (!sku.isNamed(facts.name())) {
            found.add(new FactMismatch(NvmlFact.NAME, "'" + facts.name() + "'", "'" + sku.nvmlName() + "'"));
        }
        if (!sku.pciDeviceIds().contains(facts.pciDeviceId())) {
            found.add(new FactMismatch(NvmlFact.PCI_DEVICE_ID, hex(facts.pciDeviceId()),
                    String.join(" or ", sku.pciDeviceIds().stream().map(PlausibilityCheck::hex).toList())));
        }
        long low = (long) Math.floor(sku.memoryMib() * memoryLowFraction);
        long high = (long) Math.ceil(sku.memoryMib() * memoryHighFraction);
        if (facts.memoryTotalMib() < low || facts.memoryTotalMib() > high) {
            found.add(new FactMismatch(NvmlFact.MEMORY_TOTAL, facts.memoryTotalMib() + " MiB",
                    sku.memoryMib() + " MiB (accepted " + low + ".." + high + ")"));
        }
        if (facts.memoryBusWidthBits() != sku.memoryBusWidthBits()) {
            found.add(new FactMismatch(NvmlFact.MEMORY_BUS_WIDTH, facts.memoryBusWidthBits() + " bits",
                    sku.memoryBusWidthBits() + " bits"));
        }
        return found;
    }

    private static String hex(int pciDeviceId) {
        return String.format(Locale.ROOT, "0x%04x", pciDeviceId);
    }

    private static void requireWithin(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be within " + min + ".." + max + ", was " + value);
        }
    }
}
