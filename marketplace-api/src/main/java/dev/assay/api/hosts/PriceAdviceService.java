package dev.assay.api.hosts;

import dev.assay.api.market.MarketIndex;
import dev.assay.matching.inventory.Host;
import dev.assay.pricing.market.MarketObservation;
import dev.assay.pricing.market.MarketStatistics;
import dev.assay.pricing.market.PriceAdvice;
import dev.assay.pricing.market.PriceAdvisor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Price advice for a host: the pricing module's {@link PriceAdvisor} over the market for the host's GPU model
 * as the index holds it now. Each listed host of the model is one offer; its rented GPUs are those not free
 * in the index (on-demand pods). The host itself counts as well when it is listed: it is part of the market.
 */
@Singleton
class PriceAdviceService {

    /** A host that names no target wants most of its GPUs rented, not all of them at any price. */
    static final double DEFAULT_TARGET_UTILISATION = 0.8;

    private final MarketIndex index;

    PriceAdviceService(MarketIndex index) {
        this.index = index;
    }

    PriceAdvice advise(String gpuModel, double targetUtilisation) {
        List<MarketObservation> observations = new ArrayList<>();
        for (Host host : index.snapshot().hostsWithGpuModel(gpuModel)) {
            host.offer().ifPresent(offer -> observations.add(new MarketObservation.ListedOffer(gpuModel,
                    offer.onDemandPerGpuHour(), host.gpuCount(), host.gpuCount() - host.freeGpuCount())));
        }
        return PriceAdvisor.suggest(gpuModel, MarketStatistics.forGpuModel(gpuModel, observations), targetUtilisation);
    }
}
