package dev.assay.api.hosts;

import dev.assay.reputation.score.MeasuredFigures;
import java.util.Optional;

/**
 * One GPU of a machine being registered: what NVML calls it and its figures (measured by the agent, or
 * SIMULATED for demo and test machines).
 *
 * @param nvmlName NVML's name, e.g. "NVIDIA GeForce RTX 4090"; resolved to a SKU through the reputation catalogue
 * @param uuid NVML UUID, when an agent reported one
 * @param vramGb memory in GB
 */
public record GpuSpec(String nvmlName, Optional<String> uuid, double vramGb, MeasuredFigures figures) {

    public GpuSpec {
        uuid = uuid == null ? Optional.empty() : uuid;
    }
}
