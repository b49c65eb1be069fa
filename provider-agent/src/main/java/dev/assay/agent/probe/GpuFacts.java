package dev.assay.agent.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the agent knows of one NVIDIA GPU. Every fact is nullable: a field the driver answers
 * NOT_SUPPORTED for (retired pages on a GPU that remaps rows, ECC on a consumer card) is absent from
 * the JSON rather than a zero that would read as a measurement. {@code notes} says why a fact the
 * driver should have answered is missing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuFacts(
        int index,
        String name,
        String uuid,
        Pci pci,
        Memory memory,
        PcieLink pcie,
        Double powerLimitWatts,
        Integer temperatureCelsius,
        Clocks clocks,
        Ecc ecc,
        MemoryRetirement memoryRetirement,
        List<String> clocksEventReasons,
        String computeCapability,
        String migMode,
        List<String> notes) {

    /** PCI identity: bus id as the driver prints it, device and subsystem ids as 0x-prefixed hex. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pci(String busId, String deviceId, String subsystemId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long totalMib, Long usedMib, Integer busWidthBits) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PcieLink(Integer generationCurrent, Integer generationMax, Integer widthCurrent, Integer widthMax) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Clocks(Integer smMhz, Integer memoryMhz, Integer smMaxMhz, Integer memoryMaxMhz) {}

    /** ECC error counts: volatile since the last driver load, aggregate over the GPU's life. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ecc(Boolean enabled, Long correctedVolatile, Long uncorrectedVolatile,
                      Long correctedAggregate, Long uncorrectedAggregate) {}

    /** Pages retired (before Ampere) and rows remapped (Ampere on): the memory's health record. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemoryRetirement(Integer retiredPagesSingleBitEcc, Integer retiredPagesDoubleBitEcc,
                                   Integer remappedRowsCorrectable, Integer remappedRowsUncorrectable,
                                   Boolean remappingPending, Boolean remappingFailed) {}
}
