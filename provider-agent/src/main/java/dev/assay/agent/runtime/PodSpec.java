package dev.assay.agent.runtime;

import java.util.List;
import java.util.Map;

/**
 * A pod as the agent asks a {@link ContainerRuntime} to run it (from the marketplace's StartPod).
 *
 * @param gpuIndices NVML indices the pod gets exclusively
 * @param cpuCores CPU limit (0 = none)
 * @param ramMib memory limit in MiB (0 = none)
 * @param volumeId the pod's persistent volume, kept across stop and resume
 * @param mountPath where the volume is mounted inside the container, normally "/workspace"
 */
public record PodSpec(String podId, String image, List<String> command, Map<String, String> env,
        List<PortRequest> ports, List<Integer> gpuIndices, int cpuCores, long ramMib, String volumeId,
        long volumeMib, String mountPath) {

    public PodSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        ports = List.copyOf(ports);
        gpuIndices = List.copyOf(gpuIndices);
    }

    /** A container port to expose; protocol "tcp" or "udp". */
    public record PortRequest(int containerPort, String protocol) {}
}
