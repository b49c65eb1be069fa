package dev.assay.matching.inventory;

import dev.assay.pricing.Money;

/**
 * The host owner's offer for a machine.
 *
 * @param onDemandPerGpuHour price of one GPU for one hour of on-demand use
 * @param minimumBidPerGpuHour lowest interruptible bid the host accepts, per GPU-hour
 * @param storagePerGbMonth price of a GB of pod disk for a month (730 hours)
 * @param minGpusPerPod smallest pod the host rents out
 */
public record HostOffer(Money onDemandPerGpuHour, Money minimumBidPerGpuHour, Money storagePerGbMonth,
        int minGpusPerPod) {

    public HostOffer {
        Checks.requireNonNegative(onDemandPerGpuHour, "onDemandPerGpuHour");
        Checks.requireNonNegative(minimumBidPerGpuHour, "minimumBidPerGpuHour");
        Checks.requireNonNegative(storagePerGbMonth, "storagePerGbMonth");
        if (minGpusPerPod < 1) {
            throw new IllegalArgumentException("minGpusPerPod must be >= 1, got " + minGpusPerPod);
        }
    }
}
