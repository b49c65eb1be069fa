package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/** The host has as many free GPUs as the pod asks for (a pod never spans hosts). */
final class GpuCountFilter implements PlacementFilter {

    static final String RULE = "gpu-count";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return host.freeGpuCount() >= request.gpuCount();
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "lacks", "lack") + " " + request.gpuCount() + " free GPU" + (request.gpuCount() == 1 ? "" : "s");
    }
}
