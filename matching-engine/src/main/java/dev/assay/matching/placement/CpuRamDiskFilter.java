package dev.assay.matching.placement;

import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.Host;

/** The host has the CPU cores, RAM and disk the pod reserves still free. */
final class CpuRamDiskFilter implements PlacementFilter {

    static final String RULE = "cpu-ram-disk";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return request.cpuCoresPerGpu() > 0 || request.ramGbPerGpu() > 0 || request.diskGb() > 0;
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        FreeCapacity free = host.free();
        return free.cpuCores() >= request.cpuCores()
                && free.ramGb() >= request.ramGb()
                && free.diskGb() >= request.diskGb();
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "lacks", "lack") + " " + request.cpuCores() + " CPU cores, " + request.ramGb() + " GB RAM or "
                + request.diskGb() + " GB disk free";
    }
}
