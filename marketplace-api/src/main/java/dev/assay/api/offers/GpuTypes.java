package dev.assay.api.offers;

import dev.assay.api.json.MoneyView;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.offers.OfferViews.GpuTypeView;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.pricing.Money;
import dev.assay.pricing.market.PriceSummary;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The market per GPU model: listed offers and their price percentiles and available GPUs come from the index
 * (what renters can find now); totals, GPUs held and the winning bid from the database ({@link MarketUsage}).
 * Each listed host counts once in the percentiles, whatever its GPU count: "the offer a renter sees".
 */
@Singleton
class GpuTypes {

    private final MarketIndex index;
    private final MarketUsage usage;

    GpuTypes(MarketIndex index, MarketUsage usage) {
        this.index = index;
        this.usage = usage;
    }

    List<GpuTypeView> all() {
        InventorySnapshot snapshot = index.snapshot();
        Map<String, MarketUsage.ModelUsage> byModel = usage.byModel();
        List<GpuTypeView> types = new ArrayList<>(byModel.size());
        for (MarketUsage.ModelUsage u : byModel.values()) {
            List<Money> prices = new ArrayList<>();
            int available = 0;
            for (Host host : snapshot.hostsWithGpuModel(u.gpuModel())) {
                if (host.offer().isEmpty()) {
                    continue;
                }
                prices.add(host.offer().get().onDemandPerGpuHour());
                if (host.freeGpuCount() >= host.offer().get().minGpusPerPod()) {
                    available += host.freeGpuCount();
                }
            }
            Optional<PriceSummary> spread = prices.isEmpty() ? Optional.empty() : Optional.of(PriceSummary.of(prices));
            types.add(new GpuTypeView(u.gpuModel(), u.gpuName(), prices.size(), available, u.totalGpus(), u.heldGpus(),
                    u.totalGpus() == 0 ? null : (double) u.heldGpus() / u.totalGpus(),
                    spread.map(s -> MoneyView.of(s.p10())).orElse(null),
                    spread.map(s -> MoneyView.of(s.median())).orElse(null),
                    spread.map(s -> MoneyView.of(s.p90())).orElse(null),
                    u.winningBidMicros() == null ? null : MoneyView.of(Money.ofMicros(u.winningBidMicros())),
                    u.simulatedGpus()));
        }
        return types;
    }
}
