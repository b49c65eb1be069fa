package dev.assay.reputation.sku;

import dev.assay.reputation.score.MeasuredFigures;
import java.util.Objects;

/**
 * What a healthy GPU of one SKU measures: the centre of the plausibility band. A report far below it is
 * degraded; a report above the datasheet peak is impossible.
 *
 * @param figures the expected figures
 * @param basis where the figures come from
 * @param note in words, which figure came from where (e.g. "memory: NVIDIA DCGM ...; others: datasheet
 *     × factor")
 * @throws IllegalArgumentException if a field is missing or the note is blank
 */
public record Baseline(MeasuredFigures figures, Basis basis, String note) {

    /** Fraction of the dense BF16 peak that a good GEMM reaches (H100 SXM: 798 of 989 TFLOPS measured). */
    public static final double ESTIMATED_TENSOR_FRACTION = 0.8;
    /** Fraction of the DRAM peak that a device-to-device copy reaches. */
    public static final double ESTIMATED_MEMORY_FRACTION = 0.8;
    /** Fraction of the FP32 peak: dual-issue FP32 on Ampere and later is rarely fully used. */
    public static final double ESTIMATED_FP32_FRACTION = 0.7;
    /** Fraction of the PCIe x16 ceiling reached by a pinned host-to-device copy. */
    public static final double ESTIMATED_HOST_TO_DEVICE_FRACTION = 0.8;

    /** Where a baseline's figures come from. */
    public enum Basis {
        /** Measured with Assay's own benchmark kernels on a GPU of this SKU. */
        MEASURED_BY_ASSAY,
        /** At least one figure is a published measurement (e.g. NVIDIA DCGM); the note says which. */
        PUBLISHED_MEASUREMENT,
        /** Every figure is the datasheet peak × the {@code ESTIMATED_*} fraction. */
        ESTIMATED_FROM_DATASHEET
    }

    public Baseline {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(basis, "basis");
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("note must say where the baseline comes from");
        }
    }

    /**
     * A baseline estimated from the datasheet: each peak × its {@code ESTIMATED_*} fraction, and the
     * PCIe x16 ceiling of {@code pcieGeneration} × {@link #ESTIMATED_HOST_TO_DEVICE_FRACTION}.
     */
    public static Baseline estimatedFrom(Peaks peaks, int pcieGeneration) {
        MeasuredFigures figures = new MeasuredFigures(
                peaks.bf16Tflops() * ESTIMATED_TENSOR_FRACTION,
                peaks.memoryBandwidthGbps() * ESTIMATED_MEMORY_FRACTION,
                peaks.fp32Tflops() * ESTIMATED_FP32_FRACTION,
                PcieLink.x16CeilingGbps(pcieGeneration) * ESTIMATED_HOST_TO_DEVICE_FRACTION);
        return new Baseline(figures, Basis.ESTIMATED_FROM_DATASHEET,
                "estimated from the datasheet: tensor × 0.8, memory × 0.8, FP32 × 0.7, PCIe Gen"
                        + pcieGeneration + " x16 × 0.8");
    }
}
