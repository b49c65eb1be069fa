package dev.assay.reputation.sku;

/**
 * A GPU's datasheet peaks: the physical ceiling no honest measurement exceeds (beyond a small
 * tolerance for boost clocks, see {@code PlausibilityCheck}). All tensor figures are dense (without
 * structured sparsity).
 *
 * @param memoryBandwidthGbps DRAM bandwidth, GB/s
 * @param fp32Tflops non-tensor FP32, TFLOPS
 * @param bf16Tflops dense BF16 tensor with FP32 accumulate, TFLOPS (FP16 on GPUs without BF16, as the
 *     row's source says)
 * @param int8Tops dense INT8 tensor, TOPS (DP4A on GPUs without INT8 tensor cores)
 * @throws IllegalArgumentException if a peak is not a finite number above zero
 */
public record Peaks(double memoryBandwidthGbps, double fp32Tflops, double bf16Tflops, double int8Tops) {

    public Peaks {
        requirePositive("memoryBandwidthGbps", memoryBandwidthGbps);
        requirePositive("fp32Tflops", fp32Tflops);
        requirePositive("bf16Tflops", bf16Tflops);
        requirePositive("int8Tops", int8Tops);
    }

    static void requirePositive(String field, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(field + " must be a finite number above 0, was " + value);
        }
    }
}
