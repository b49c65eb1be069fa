package dev.assay.matching.placement;

import dev.assay.matching.inventory.HostOffer;
import dev.assay.pricing.AllInPrice;
import dev.assay.pricing.Money;

/** What a pod costs on a host, from the host's offer (all-in: GPUs plus the storage the pod asks for). */
final class PodPrice {

    private PodPrice() {
    }

    /** Per GPU-hour, the most the pod pays: the on-demand price, or an interruptible pod's own bid. */
    static Money mostPerGpuHour(PlacementRequest request, HostOffer offer) {
        return request.bidPerGpuHour().orElse(offer.onDemandPerGpuHour());
    }

    /** All-in per hour at {@link #mostPerGpuHour}. */
    static Money mostPerHour(PlacementRequest request, HostOffer offer) {
        return AllInPrice.perHour(mostPerGpuHour(request, offer), request.gpuCount(), offer.storagePerGbMonth(),
                request.diskGb());
    }

    /**
     * All-in per hour at the price the pod can expect: on-demand pays the on-demand price; an interruptible
     * pod pays at least the host's minimum bid (more only while others wait), so its floor is what makes
     * one host better value than another.
     */
    static Money expectedPerHour(PlacementRequest request, HostOffer offer) {
        Money perGpuHour = request.interruptible() ? offer.minimumBidPerGpuHour() : offer.onDemandPerGpuHour();
        return AllInPrice.perHour(perGpuHour, request.gpuCount(), offer.storagePerGbMonth(), request.diskGb());
    }
}
