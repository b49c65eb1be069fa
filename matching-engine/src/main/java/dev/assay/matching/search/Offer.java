package dev.assay.matching.search;

import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import dev.assay.pricing.Value;
import java.util.List;

/**
 * A search result: a host's free GPUs, sized to the query, with everything a renter compares offers by.
 *
 * @param gpuIndices the GPUs the offer would give (the lowest free indices)
 * @param pricePerHour on-demand GPU price × GPUs (storage comes on top, for the disk a pod asks for)
 * @param value score, TFLOPS, GB/s and VRAM per dollar-hour at {@code pricePerHour}
 * @param simulated the host's figures are SIMULATED, not measurements
 */
public record Offer(String hostId, String gpuModel, String gpuName, int gpuCount, List<Integer> gpuIndices,
        Money pricePerGpuHour, Money pricePerHour, Money minimumBidPerGpuHour, double scorePerGpu, double totalScore,
        Value value, double vramGbPerGpu, double reliability, double uptime30d, String region, String datacenter,
        String geolocation, Tier tier, VerificationState verification, boolean simulated) {

    public Offer {
        gpuIndices = List.copyOf(gpuIndices);
    }
}
