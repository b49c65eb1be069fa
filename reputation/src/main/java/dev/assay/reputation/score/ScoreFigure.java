package dev.assay.reputation.score;

/**
 * The terms of the Assay Score, each with its weight and its reference value. This is the one place
 * where the published formula's constants live; {@code docs/marketplace-rules.md} repeats them and
 * {@code WorkedExamplesTest} keeps the two in step.
 *
 * <p>The reference values are the baseline of an NVIDIA A100 SXM4 80GB (the catalogue row
 * {@code A100_SXM4_80GB}): memory bandwidth as measured by NVIDIA DCGM, the other figures estimated as
 * a fixed fraction of the datasheet peak. A GPU with exactly these figures scores 100.
 *
 * <p>Why these weights: renters mostly buy tensor throughput (training and inference matmuls), then
 * memory bandwidth (which bounds inference decoding and most non-matmul kernels), then plain FP32; the
 * PCIe link matters only for loading data and weights. The weights add up to 1, so scaling every figure
 * by x scales the score by exactly x: "twice the GPU" scores twice as much.
 */
public enum ScoreFigure {
    /** Dense BF16 tensor TFLOPS; weight 0.40; reference 249.6 TFLOPS (0.8 × 312). */
    TENSOR_TFLOPS("tensor TFLOPS", "TFLOPS", 0.40, 249.6),
    /** Device memory bandwidth; weight 0.30; reference 1,564 GB/s (DCGM measurement). */
    MEMORY_BANDWIDTH_GBPS("memory bandwidth", "GB/s", 0.30, 1_564.0),
    /** FP32 TFLOPS; weight 0.20; reference 13.65 TFLOPS (0.7 × 19.5). */
    FP32_TFLOPS("FP32 TFLOPS", "TFLOPS", 0.20, 13.65),
    /** Host-to-device bandwidth; weight 0.10; reference 25.2 GB/s (0.8 × PCIe 4.0 x16's 31.5). */
    HOST_TO_DEVICE_GBPS("host-to-device bandwidth", "GB/s", 0.10, 25.2);

    private final String label;
    private final String unit;
    private final double weight;
    private final double reference;

    ScoreFigure(String label, String unit, double weight, double reference) {
        this.label = label;
        this.unit = unit;
        this.weight = weight;
        this.reference = reference;
    }

    /** A short human name, e.g. "memory bandwidth". */
    public String label() {
        return label;
    }

    /** The unit the figure is measured in, e.g. "GB/s". */
    public String unit() {
        return unit;
    }

    /** The exponent of this figure's ratio in the weighted geometric mean; all weights add up to 1. */
    public double weight() {
        return weight;
    }

    /** The reference GPU's value of this figure. */
    public double reference() {
        return reference;
    }
}
