package dev.assay.pricing.market;

import dev.assay.pricing.Money;
import dev.assay.pricing.market.MarketObservation.ListedOffer;
import dev.assay.pricing.market.MarketObservation.WinningBid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The market for one GPU model: the spread of on-demand prices of listed offers, the spread of winning
 * interruptible bids, and utilisation (GPUs rented ÷ GPUs listed).
 *
 * <p>Each listed offer counts once in the on-demand spread, whatever its GPU count, so the median is "the
 * median offer a renter sees"; utilisation is weighted by GPUs. Percentiles: see {@link PriceSummary}.
 *
 * @param gpuModel the GPU model
 * @param onDemandPerGpuHour spread of listed on-demand prices per GPU-hour; empty if no offer is listed
 * @param winningBidPerGpuHour spread of winning interruptible bids per GPU-hour; empty if none
 * @param gpusRented GPUs of listed offers that are rented
 * @param gpusListed GPUs of listed offers
 */
public record MarketStatistics(String gpuModel, Optional<PriceSummary> onDemandPerGpuHour,
                               Optional<PriceSummary> winningBidPerGpuHour, long gpusRented, long gpusListed) {

    /** The most observations one call accepts: a bound on the memory and time a summary may take. */
    public static final int MAX_OBSERVATIONS = 1_000_000;

    /** @throws IllegalArgumentException if a component is missing or the GPU counts are inconsistent */
    public MarketStatistics {
        if (gpuModel == null || gpuModel.isBlank()) {
            throw new IllegalArgumentException("gpuModel is required");
        }
        if (onDemandPerGpuHour == null || winningBidPerGpuHour == null) {
            throw new IllegalArgumentException("onDemandPerGpuHour and winningBidPerGpuHour are required (may be empty)");
        }
        if (gpusRented < 0 || gpusRented > gpusListed) {
            throw new IllegalArgumentException("gpusRented must be between 0 and gpusListed (" + gpusListed
                    + "), was " + gpusRented);
        }
    }

    /**
     * Statistics for every GPU model that appears in {@code observations}, sorted by model name.
     *
     * @throws IllegalArgumentException if there are more than {@link #MAX_OBSERVATIONS} observations or one is null
     */
    public static SortedMap<String, MarketStatistics> byGpuModel(Collection<? extends MarketObservation> observations) {
        requireBounded(observations);
        Map<String, List<MarketObservation>> byModel = new TreeMap<>();
        for (MarketObservation observation : observations) {
            if (observation == null) {
                throw new IllegalArgumentException("observations must not contain null");
            }
            byModel.computeIfAbsent(observation.gpuModel(), model -> new ArrayList<>()).add(observation);
        }
        SortedMap<String, MarketStatistics> result = new TreeMap<>();
        byModel.forEach((model, ofModel) -> result.put(model, summarise(model, ofModel)));
        return Collections.unmodifiableSortedMap(result);
    }

    /**
     * Statistics for {@code gpuModel} from the observations of that model in {@code observations} (others
     * are ignored). With no observation of the model, both spreads are empty and utilisation is unknown.
     *
     * @throws IllegalArgumentException if the model is blank, there are more than {@link #MAX_OBSERVATIONS}
     *     observations, or one is null
     */
    public static MarketStatistics forGpuModel(String gpuModel, Collection<? extends MarketObservation> observations) {
        if (gpuModel == null || gpuModel.isBlank()) {
            throw new IllegalArgumentException("gpuModel is required");
        }
        requireBounded(observations);
        List<MarketObservation> ofModel = new ArrayList<>();
        for (MarketObservation observation : observations) {
            if (observation == null) {
                throw new IllegalArgumentException("observations must not contain null");
            }
            if (observation.gpuModel().equals(gpuModel)) {
                ofModel.add(observation);
            }
        }
        return summarise(gpuModel, ofModel);
    }

    /** GPUs rented ÷ GPUs listed, 0..1; empty when no GPU of this model is listed. */
    public OptionalDouble utilisation() {
        return gpusListed == 0 ? OptionalDouble.empty() : OptionalDouble.of(gpusRented / (double) gpusListed);
    }

    private static MarketStatistics summarise(String gpuModel, List<MarketObservation> observations) {
        List<Money> onDemand = new ArrayList<>();
        List<Money> winningBids = new ArrayList<>();
        long rented = 0;
        long listed = 0;
        for (MarketObservation observation : observations) {
            switch (observation) {
                case ListedOffer offer -> {
                    onDemand.add(offer.onDemandPerGpuHour());
                    rented += offer.gpusRented();
                    listed += offer.gpusListed();
                }
                case WinningBid bid -> winningBids.add(bid.bidPerGpuHour());
            }
        }
        return new MarketStatistics(gpuModel, summary(onDemand), summary(winningBids), rented, listed);
    }

    private static Optional<PriceSummary> summary(List<Money> prices) {
        return prices.isEmpty() ? Optional.empty() : Optional.of(PriceSummary.of(prices));
    }

    private static void requireBounded(Collection<?> observations) {
        if (observations == null) {
            throw new IllegalArgumentException("observations are required (may be empty)");
        }
        if (observations.size() > MAX_OBSERVATIONS) {
            throw new IllegalArgumentException("at most " + MAX_OBSERVATIONS + " observations per call, got "
                    + observations.size());
        }
    }
}
