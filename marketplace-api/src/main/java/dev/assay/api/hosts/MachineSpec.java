package dev.assay.api.hosts;

import dev.assay.matching.inventory.Tier;
import java.util.List;

/**
 * A machine as its agent (or the demo fleet) describes it at registration. Checked by {@link HostRegistry};
 * every GPU must be the same SKU (hosts are homogeneous).
 *
 * @param geolocation ISO 3166 alpha-2 country code
 * @param simulated true for demo and test machines: their figures are SIMULATED, never measurements
 */
public record MachineSpec(String name, Tier tier, String region, String datacenter, String geolocation,
        int cpuCores, long ramGb, long diskGb, double diskBandwidthMbps, double inetUpMbps, double inetDownMbps,
        String driverVersion, String cudaVersion, List<GpuSpec> gpus, boolean simulated) {

    public MachineSpec {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }
}
