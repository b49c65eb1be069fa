package dev.assay.api.pods;

import java.util.List;

/**
 * What a host needs to start a pod.
 *
 * @param simulated the host is a SIMULATED one (no real agent): the simulated gateway plays its part
 */
public record PodLaunch(String podId, String hostId, String image, List<Integer> gpuIndices, String envJson,
                        String ports, int cpuCores, long ramGb, long diskGb, boolean simulated) {

    public PodLaunch {
        gpuIndices = List.copyOf(gpuIndices);
    }
}
