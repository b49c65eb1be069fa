package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import java.util.ArrayList;
import java.util.List;

/** The host's GPUs are a model the renter accepts, with at least the score and VRAM asked for. */
final class GpuModelFilter implements PlacementFilter {

    static final String RULE = "gpu-model";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return !request.gpuModels().isEmpty() || request.minScorePerGpu() > 0 || request.minVramGbPerGpu() > 0;
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return (request.gpuModels().isEmpty() || request.gpuModels().contains(host.gpus().getFirst().skuId()))
                && host.scorePerGpu() >= request.minScorePerGpu()
                && host.vramGbPerGpu() >= request.minVramGbPerGpu();
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        List<String> wanted = new ArrayList<>();
        if (!request.gpuModels().isEmpty()) {
            wanted.add(String.join(" or ", request.gpuModels()));
        }
        if (request.minScorePerGpu() > 0) {
            wanted.add("Assay Score " + Figures.plain(request.minScorePerGpu()) + "+ per GPU");
        }
        if (request.minVramGbPerGpu() > 0) {
            wanted.add(Figures.plain(request.minVramGbPerGpu()) + "+ GB VRAM per GPU");
        }
        return Figures.count(hosts, "has", "have") + " no GPUs with " + String.join(", ", wanted);
    }
}
