package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/**
 * Bin-pack fit: prefer the host the pod fills best, so that large hosts stay whole for large pods.
 *
 * <p>{@code 1 − (free GPUs left after placing ÷ the host's GPUs)}: an exact fit scores 1. Breaking into a
 * host that is entirely free costs half the score on top, because a whole 8-GPU machine is what an
 * 8-GPU pod needs and what fragments most easily. GPUs only: they are the scarce resource; CPU, RAM and
 * disk are reserved in proportion to GPUs.
 */
final class BinPackScorer implements PlacementScorer {

    static final String NAME = "bin-pack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(PlacementRequest request, Host host) {
        return of(request.gpuCount(), host.freeGpuCount(), host.gpuCount());
    }

    /** The fit of a pod of {@code gpus} on a host with {@code free} of its {@code total} GPUs free. */
    static double of(int gpus, int free, int total) {
        int left = free - gpus;
        if (left <= 0) {
            return 1;
        }
        double fill = 1.0 - (double) left / total;
        return free == total ? fill / 2 : fill;
    }
}
