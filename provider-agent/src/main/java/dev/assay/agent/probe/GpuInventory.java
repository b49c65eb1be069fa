package dev.assay.agent.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The GPUs of this machine and where the facts came from: {@code nvml} (the driver's library, bound
 * directly), {@code nvidia-smi} (its CSV output, when NVML can't be bound) or {@code none}, in which
 * case {@code message} says "no NVIDIA GPU found" and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuInventory(
        String source,
        String driverVersion,
        String cudaDriverVersion,
        List<GpuFacts> gpus,
        String message) {

    public static final String NO_GPU = "no NVIDIA GPU found";

    public static GpuInventory none(String why) {
        return new GpuInventory("none", null, null, List.of(), NO_GPU + ": " + why);
    }
}
