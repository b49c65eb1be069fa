package dev.assay.reputation.sku;

import dev.assay.reputation.score.ScoreFigure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One GPU model as the catalogue knows it: what NVML calls it, how to recognise it, and what it can do.
 *
 * @param id stable upper-case id, e.g. {@code RTX_4090}
 * @param nvmlName the name NVML reports, e.g. "NVIDIA GeForce RTX 4090"
 * @param aliases other names renters and hosts use ("RTX 4090", "4090"); matched forgivingly
 * @param pciDeviceIds the 16-bit PCI device ids of this model (vendor 0x10DE)
 * @param memoryMib nominal memory, MiB (GB on the box × 1024); NVML reports slightly less, and 1/16 less on
 *     GDDR boards with ECC on
 * @param memoryBusWidthBits memory bus width, as NVML reports it
 * @param datasheetPeaks the physical ceiling
 * @param measuredBaseline what a healthy GPU measures, where known (else see {@link #expectedBaseline()})
 * @param pcieGeneration generation of its PCIe x16 host link
 * @param tdpWatts board power
 * @param source where the row's facts come from (datasheet names or URLs)
 * @throws IllegalArgumentException naming the field, if a field is missing or out of range
 */
public record GpuSku(
        String id,
        String nvmlName,
        List<String> aliases,
        List<Integer> pciDeviceIds,
        long memoryMib,
        int memoryBusWidthBits,
        Peaks datasheetPeaks,
        Optional<Baseline> measuredBaseline,
        int pcieGeneration,
        int tdpWatts,
        String source) {

    public GpuSku {
        if (id == null || !id.matches("[A-Z0-9_]{2,40}")) {
            throw new IllegalArgumentException("id must be 2..40 characters of A-Z, 0-9 and _, was " + id);
        }
        requireText("nvmlName", nvmlName);
        aliases = List.copyOf(Objects.requireNonNull(aliases, "aliases"));
        aliases.forEach(alias -> requireText("aliases of " + id, alias));
        pciDeviceIds = List.copyOf(Objects.requireNonNull(pciDeviceIds, "pciDeviceIds"));
        if (pciDeviceIds.isEmpty()) {
            throw new IllegalArgumentException("pciDeviceIds of " + id + " must not be empty");
        }
        for (int pciId : pciDeviceIds) {
            if (pciId <= 0 || pciId > 0xFFFF) {
                throw new IllegalArgumentException("pciDeviceIds of " + id + " must be 16-bit device ids, was " + pciId);
            }
        }
        if (memoryMib < 1_024 || memoryMib > 4L * 1_024 * 1_024) {
            throw new IllegalArgumentException("memoryMib of " + id + " must be within 1 GiB..4 TiB, was " + memoryMib);
        }
        if (memoryBusWidthBits < 32 || memoryBusWidthBits > 16_384 || memoryBusWidthBits % 32 != 0) {
            throw new IllegalArgumentException(
                    "memoryBusWidthBits of " + id + " must be a multiple of 32 within 32..16384, was " + memoryBusWidthBits);
        }
        Objects.requireNonNull(datasheetPeaks, "datasheetPeaks");
        Objects.requireNonNull(measuredBaseline, "measuredBaseline");
        PcieLink.requireGeneration(pcieGeneration);
        if (tdpWatts < 10 || tdpWatts > 5_000) {
            throw new IllegalArgumentException("tdpWatts of " + id + " must be within 10..5000, was " + tdpWatts);
        }
        requireText("source", source);
    }

    /** The baseline to judge reports by: the measured one, or one estimated from the datasheet. */
    public Baseline expectedBaseline() {
        return measuredBaseline.orElseGet(() -> Baseline.estimatedFrom(datasheetPeaks, pcieGeneration));
    }

    /** The physical ceiling of one Assay Score figure (host-to-device: the PCIe x16 link). */
    public double ceiling(ScoreFigure figure) {
        return switch (figure) {
            case TENSOR_TFLOPS -> datasheetPeaks.bf16Tflops();
            case MEMORY_BANDWIDTH_GBPS -> datasheetPeaks.memoryBandwidthGbps();
            case FP32_TFLOPS -> datasheetPeaks.fp32Tflops();
            case HOST_TO_DEVICE_GBPS -> PcieLink.x16CeilingGbps(pcieGeneration);
        };
    }

    /** True if NVML's name, or one of the aliases, matches {@code name} forgivingly (see {@link SkuCatalogue#find}). */
    public boolean isNamed(String name) {
        String key = SkuNames.key(name);
        return SkuNames.keysOf(this).contains(key);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
