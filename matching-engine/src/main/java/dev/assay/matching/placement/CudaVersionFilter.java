package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/** The host's driver runs the CUDA version the pod needs (drivers run every version up to their own). */
final class CudaVersionFilter implements PlacementFilter {

    static final String RULE = "cuda";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return request.minCudaVersion().isPresent();
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return request.minCudaVersion().isEmpty() || request.minCudaVersion().get().isRunBy(host.cudaVersion());
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "runs", "run") + " CUDA below " + request.minCudaVersion().map(CudaVersion::toString).orElse("?");
    }
}
