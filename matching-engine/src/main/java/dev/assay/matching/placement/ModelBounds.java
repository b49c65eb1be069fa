package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * The extremes of one GPU model's hosts and its hosts grouped by free GPUs (each group in id order), so the
 * walk can skip a whole model, or the hosts with too few free GPUs, instead of rejecting them one by one.
 * Kept by the snapshot per model until the model's hosts change.
 */
record ModelBounds(int hosts, double minScore, double maxScore, double minVramGb, double maxVramGb, int maxFreeGpus,
        List<List<Host>> byFreeGpus) {

    static ModelBounds of(List<Host> hosts) {
        double minScore = Double.POSITIVE_INFINITY;
        double maxScore = Double.NEGATIVE_INFINITY;
        double minVram = Double.POSITIVE_INFINITY;
        double maxVram = Double.NEGATIVE_INFINITY;
        int maxFree = 0;
        for (Host host : hosts) {
            minScore = Math.min(minScore, host.scorePerGpu());
            maxScore = Math.max(maxScore, host.scorePerGpu());
            minVram = Math.min(minVram, host.vramGbPerGpu());
            maxVram = Math.max(maxVram, host.vramGbPerGpu());
            maxFree = Math.max(maxFree, host.freeGpuCount());
        }
        List<List<Host>> byFree = new ArrayList<>(maxFree + 1);
        for (int free = 0; free <= maxFree; free++) {
            byFree.add(new ArrayList<>());
        }
        for (Host host : hosts) {
            byFree.get(host.freeGpuCount()).add(host);
        }
        return new ModelBounds(hosts.size(), minScore, maxScore, minVram, maxVram, maxFree,
                byFree.stream().map(List::copyOf).toList());
    }

    /** Hosts of the model with fewer than {@code gpus} free GPUs. */
    int hostsWithFewerFree(int gpus) {
        int count = 0;
        for (int free = 0; free < Math.min(gpus, byFreeGpus.size()); free++) {
            count += byFreeGpus.get(free).size();
        }
        return count;
    }

    /** No host of the model meets the request's score or VRAM floor: the gpu-model rule rejects them all. */
    boolean belowFloors(PlacementRequest request) {
        return maxScore < request.minScorePerGpu() || maxVramGb < request.minVramGbPerGpu();
    }

    /** Every host of the model meets the request's score and VRAM floors. */
    boolean aboveFloors(PlacementRequest request) {
        return minScore >= request.minScorePerGpu() && minVramGb >= request.minVramGbPerGpu();
    }
}
