package dev.assay.api.hosts;

import dev.assay.pricing.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * What a host owner asks for a machine: the columns of {@code PUT /v1/hosts/{id}/offer}.
 *
 * @param onDemandPerGpuHour on-demand price of one GPU for an hour
 * @param minimumBidPerGpuHour the lowest interruptible bid accepted, per GPU-hour
 * @param storagePerGbMonth price of a GB of pod disk for a month
 * @param minGpusPerPod the smallest pod rented out
 * @param availableUntil when the offer leaves the market by itself; empty: until unlisted
 */
public record OfferTerms(Money onDemandPerGpuHour, Money minimumBidPerGpuHour, Money storagePerGbMonth,
        int minGpusPerPod, Optional<Instant> availableUntil) {

    public OfferTerms {
        availableUntil = availableUntil == null ? Optional.empty() : availableUntil;
    }
}
