package dev.assay.reputation.score;

/**
 * The four figures the provider agent measures on one GPU, and the inputs of the Assay Score.
 *
 * <p>Units: tensor and FP32 throughput in TFLOPS (10¹² floating-point operations per second, a
 * multiply-add counting as two); bandwidths in GB/s (10⁹ bytes per second). Memory bandwidth counts the
 * bytes read plus the bytes written by a device-to-device copy, so it is comparable with the
 * datasheet's DRAM bandwidth. Host-to-device bandwidth is one direction over the GPU's PCIe link, from
 * pinned host memory.
 *
 * @param tensorTflops dense BF16 tensor throughput with FP32 accumulate (FP16 on GPUs without BF16)
 * @param memoryBandwidthGbps device memory bandwidth (read + written bytes)
 * @param fp32Tflops non-tensor FP32 throughput
 * @param hostToDeviceGbps host-to-device copy bandwidth
 * @throws IllegalArgumentException if a figure is not finite or not above zero, or is absurdly large
 */
public record MeasuredFigures(double tensorTflops, double memoryBandwidthGbps, double fp32Tflops, double hostToDeviceGbps) {

    /** No single GPU comes within orders of magnitude of this; a larger figure is a unit mistake. */
    public static final double MAX_FIGURE = 1.0e7;

    public MeasuredFigures {
        requirePositive("tensorTflops", tensorTflops);
        requirePositive("memoryBandwidthGbps", memoryBandwidthGbps);
        requirePositive("fp32Tflops", fp32Tflops);
        requirePositive("hostToDeviceGbps", hostToDeviceGbps);
    }

    /** The value of one figure, by name. */
    public double get(ScoreFigure figure) {
        return switch (figure) {
            case TENSOR_TFLOPS -> tensorTflops;
            case MEMORY_BANDWIDTH_GBPS -> memoryBandwidthGbps;
            case FP32_TFLOPS -> fp32Tflops;
            case HOST_TO_DEVICE_GBPS -> hostToDeviceGbps;
        };
    }

    /** These figures with every one multiplied by {@code factor} (> 0). */
    public MeasuredFigures scaledBy(double factor) {
        return new MeasuredFigures(tensorTflops * factor, memoryBandwidthGbps * factor, fp32Tflops * factor,
                hostToDeviceGbps * factor);
    }

    /** These figures with one of them replaced. */
    public MeasuredFigures with(ScoreFigure figure, double value) {
        return new MeasuredFigures(
                figure == ScoreFigure.TENSOR_TFLOPS ? value : tensorTflops,
                figure == ScoreFigure.MEMORY_BANDWIDTH_GBPS ? value : memoryBandwidthGbps,
                figure == ScoreFigure.FP32_TFLOPS ? value : fp32Tflops,
                figure == ScoreFigure.HOST_TO_DEVICE_GBPS ? value : hostToDeviceGbps);
    }

    private static void requirePositive(String field, double value) {
        if (!Double.isFinite(value) || value <= 0 || value > MAX_FIGURE) {
            throw new IllegalArgumentException(
                    field + " must be a finite number above 0 and at most " + MAX_FIGURE + ", was " + value);
        }
    }
}
