package dev.assay.matching.inventory;

/**
 * One GPU of a host with its measured figures (SIMULATED ones when the host is simulated).
 *
 * @param index NVML index on the host
 * @param skuId catalogue id, e.g. {@code "RTX_4090"}
 * @param model display name, e.g. {@code "RTX 4090"}
 * @param score the GPU's Assay Score
 * @param computeCapability CUDA compute capability, e.g. {@code "8.9"}
 */
public record GpuFacts(int index, String skuId, String model, double vramGb, double tflopsBf16, double tflopsFp32,
        double memBandwidthGbps, double pcieBandwidthGbps, double score, String computeCapability) {

    public GpuFacts {
        Checks.requireNonBlank(skuId, "skuId");
        Checks.requireNonBlank(model, "model");
        Checks.requireNonBlank(computeCapability, "computeCapability");
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
        }
        Checks.requireNonNegative(vramGb, "vramGb");
        Checks.requireNonNegative(tflopsBf16, "tflopsBf16");
        Checks.requireNonNegative(tflopsFp32, "tflopsFp32");
        Checks.requireNonNegative(memBandwidthGbps, "memBandwidthGbps");
        Checks.requireNonNegative(pcieBandwidthGbps, "pcieBandwidthGbps");
        Checks.requireNonNegative(score, "score");
    }
}
