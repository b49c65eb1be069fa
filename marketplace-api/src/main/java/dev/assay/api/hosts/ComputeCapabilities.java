package dev.assay.api.hosts;

import java.util.Map;
import java.util.Optional;

/**
 * CUDA compute capability per catalogue SKU. The reputation catalogue does not carry it (it is a fact of the
 * architecture, not of the measured figures), so this small table does; values from NVIDIA's "CUDA GPUs"
 * compute capability list.
 */
final class ComputeCapabilities {

    private static final Map<String, String> BY_SKU = Map.ofEntries(
            Map.entry("RTX_3080", "8.6"), Map.entry("RTX_3090", "8.6"), Map.entry("RTX_3090_TI", "8.6"),
            Map.entry("RTX_4080", "8.9"), Map.entry("RTX_4090", "8.9"), Map.entry("RTX_5090", "12.0"),
            Map.entry("RTX_A6000", "8.6"), Map.entry("A10", "8.6"), Map.entry("A40", "8.6"),
            Map.entry("L4", "8.9"), Map.entry("L40S", "8.9"), Map.entry("T4", "7.5"),
            Map.entry("V100_SXM2_16GB", "7.0"), Map.entry("V100_SXM2_32GB", "7.0"),
            Map.entry("A100_PCIE_40GB", "8.0"), Map.entry("A100_SXM4_80GB", "8.0"),
            Map.entry("H100_PCIE", "9.0"), Map.entry("H100_SXM5_80GB", "9.0"), Map.entry("H100_NVL", "9.0"),
            Map.entry("H200_SXM", "9.0"), Map.entry("B200", "10.0"));

    private ComputeCapabilities() {}

    static Optional<String> of(String skuId) {
        return Optional.ofNullable(BY_SKU.get(skuId));
    }
}
