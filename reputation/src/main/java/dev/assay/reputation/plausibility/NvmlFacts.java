package dev.assay.reputation.plausibility;

/**
 * What NVML says about one GPU: the facts a host's agent reports before any benchmark runs.
 *
 * @param name {@code nvmlDeviceGetName}, e.g. "NVIDIA GeForce RTX 4090"
 * @param pciDeviceId the 16-bit PCI device id (see {@link #deviceIdFromNvml(int)} for NVML's combined form)
 * @param memoryTotalMib {@code nvmlDeviceGetMemoryInfo().total} in MiB
 * @param memoryBusWidthBits {@code nvmlDeviceGetMemoryBusWidth}
 * @throws IllegalArgumentException naming the field, if a fact is missing or out of range
 */
public record NvmlFacts(String name, int pciDeviceId, long memoryTotalMib, int memoryBusWidthBits) {

    /** NVIDIA's PCI vendor id. */
    public static final int NVIDIA_VENDOR_ID = 0x10DE;

    public NvmlFacts {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (pciDeviceId <= 0 || pciDeviceId > 0xFFFF) {
            throw new IllegalArgumentException("pciDeviceId must be a 16-bit device id, was " + pciDeviceId);
        }
        if (memoryTotalMib <= 0) {
            throw new IllegalArgumentException("memoryTotalMib must be above 0, was " + memoryTotalMib);
        }
        if (memoryBusWidthBits <= 0) {
            throw new IllegalArgumentException("memoryBusWidthBits must be above 0, was " + memoryBusWidthBits);
        }
    }

    /**
     * The 16-bit device id inside NVML's {@code nvmlPciInfo_t.pciDeviceId}, which packs the device id in
     * the upper 16 bits and the vendor id in the lower 16 (0x268410DE for an RTX 4090).
     *
     * @throws IllegalArgumentException if the vendor is not NVIDIA
     */
    public static int deviceIdFromNvml(int nvmlPciDeviceId) {
        int vendor = nvmlPciDeviceId & 0xFFFF;
        if (vendor != NVIDIA_VENDOR_ID) {
            throw new IllegalArgumentException("nvmlPciDeviceId must carry NVIDIA's vendor id 0x10de, was 0x"
                    + Integer.toHexString(nvmlPciDeviceId));
        }
        return nvmlPciDeviceId >>> 16;
    }
}
