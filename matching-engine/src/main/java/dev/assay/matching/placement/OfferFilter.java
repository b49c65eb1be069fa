package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import java.util.Optional;

/**
 * The host is listed for this pod: it has an offer, the pod has at least the host's minimum GPUs per pod,
 * and an interruptible pod bids at least the host's minimum bid.
 */
final class OfferFilter implements PlacementFilter {

    static final String RULE = "offer";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        Optional<HostOffer> listed = host.offer();
        if (listed.isEmpty()) {
            return false;
        }
        HostOffer offer = listed.get();
        if (request.gpuCount() < offer.minGpusPerPod()) {
            return false;
        }
        return request.bidPerGpuHour().isEmpty()
                || request.bidPerGpuHour().get().compareTo(offer.minimumBidPerGpuHour()) >= 0;
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        String bid = request.bidPerGpuHour()
                .map(amount -> ", or a minimum bid above " + amount.toDollarString() + "/GPU-h")
                .orElse("");
        return Figures.count(hosts, "is", "are") + " not offered for " + request.gpuCount() + "-GPU pods (not listed, a larger minimum pod"
                + bid + ")";
    }
}
