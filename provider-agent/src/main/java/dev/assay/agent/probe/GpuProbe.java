package dev.assay.agent.probe;

/**
 * Where the GPU inventory comes from, in order of preference: NVML bound directly, then nvidia-smi's
 * CSV, then an inventory that says "no NVIDIA GPU found". Never throws for a missing driver.
 */
public enum GpuProbe {
    /** NVML first, nvidia-smi when NVML can't be bound. */
    AUTO,
    NVML,
    NVIDIA_SMI;

    public GpuInventory probe() {
        return switch (this) {
            case NVML -> NvmlProbe.probe().orElseGet(() -> GpuInventory.none(NvmlProbe.LIBRARY + " can't be bound"));
            case NVIDIA_SMI -> NvidiaSmiProbe.probe().orElseGet(() -> GpuInventory.none("nvidia-smi can't be run"));
            case AUTO -> auto(NvmlProbe.LIBRARY, "nvidia-smi");
        };
    }

    static GpuInventory auto(String nvmlLibrary, String nvidiaSmi) {
        return NvmlProbe.probe(nvmlLibrary).or(() -> NvidiaSmiProbe.probe(nvidiaSmi)).orElseGet(() ->
                GpuInventory.none(nvmlLibrary + " can't be bound and " + nvidiaSmi + " can't be run"));
    }
}
