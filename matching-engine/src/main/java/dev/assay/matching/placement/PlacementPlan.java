package dev.assay.matching.placement;

import dev.assay.pricing.Money;
import java.util.List;

/**
 * Where a pod goes and what it reserves there. The marketplace commits it against the host's capacity
 * (optimistic concurrency: the plan is built from a snapshot that may be stale by then).
 *
 * @param hostId the chosen host
 * @param gpuIndices the host's GPUs given to the pod, ascending (the lowest free indices)
 * @param cpuCores CPU cores reserved
 * @param ramGb RAM reserved, GB
 * @param diskGb disk reserved, GB
 * @param interruptible whether the pod is interruptible (it then goes through the host's bid book)
 * @param gpuPricePerGpuHour the most the pod pays per GPU-hour: the on-demand price, or its own bid
 * @param pricePerHour all-in price per hour at {@code gpuPricePerGpuHour}: GPUs plus storage
 * @param score why this host won
 */
public record PlacementPlan(String hostId, List<Integer> gpuIndices, int cpuCores, long ramGb, long diskGb,
                            boolean interruptible, Money gpuPricePerGpuHour, Money pricePerHour,
                            ScoreBreakdown score) {

    public PlacementPlan {
        if (hostId == null || hostId.isBlank()) {
            throw new IllegalArgumentException("hostId must not be blank");
        }
        if (gpuIndices == null || gpuIndices.isEmpty()) {
            throw new IllegalArgumentException("gpuIndices must name at least one GPU");
        }
        gpuIndices = List.copyOf(gpuIndices);
        if (cpuCores < 0 || ramGb < 0 || diskGb < 0) {
            throw new IllegalArgumentException("cpuCores, ramGb and diskGb must not be negative");
        }
        if (gpuPricePerGpuHour == null || pricePerHour == null || score == null) {
            throw new IllegalArgumentException("gpuPricePerGpuHour, pricePerHour and score are required");
        }
    }

    public int gpuCount() {
        return gpuIndices.size();
    }
}
