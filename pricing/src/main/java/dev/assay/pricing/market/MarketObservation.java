package dev.assay.pricing.market;

import dev.assay.pricing.Money;

/**
 * One fact about the market for a GPU model, as input to {@link MarketStatistics}. The caller (the API, from
 * its current listings and recent auctions) chooses the window of time the facts come from.
 */
public sealed interface MarketObservation permits MarketObservation.ListedOffer, MarketObservation.WinningBid {

    /** The GPU model, as the SKU reference table names it (e.g. "RTX 4090"); compared exactly. */
    String gpuModel();

    /**
     * An offer listed for on-demand rental, with how many of its GPUs are rented now.
     *
     * @param gpuModel the GPU model; not blank
     * @param onDemandPerGpuHour the listed on-demand price per GPU-hour; not negative
     * @param gpusListed GPUs offered; at least 1
     * @param gpusRented GPUs rented now (on-demand or interruptible); {@code 0..gpusListed}
     */
    record ListedOffer(String gpuModel, Money onDemandPerGpuHour, int gpusListed, int gpusRented)
            implements MarketObservation {

        /** @throws IllegalArgumentException if a component is outside the range stated above */
        public ListedOffer {
            requireModel(gpuModel);
            requirePrice(onDemandPerGpuHour, "onDemandPerGpuHour");
            if (gpusListed < 1) {
                throw new IllegalArgumentException("gpusListed must be at least 1, was " + gpusListed);
            }
            if (gpusRented < 0 || gpusRented > gpusListed) {
                throw new IllegalArgumentException(
                        "gpusRented must be between 0 and gpusListed (" + gpusListed + "), was " + gpusRented);
            }
        }
    }

    /**
     * An interruptible bid that won GPUs.
     *
     * @param gpuModel the GPU model; not blank
     * @param bidPerGpuHour the winning bid per GPU-hour; not negative
     */
    record WinningBid(String gpuModel, Money bidPerGpuHour) implements MarketObservation {

        /** @throws IllegalArgumentException if a component is missing or the bid is negative */
        public WinningBid {
            requireModel(gpuModel);
            requirePrice(bidPerGpuHour, "bidPerGpuHour");
        }
    }

    private static void requireModel(String gpuModel) {
        if (gpuModel == null || gpuModel.isBlank()) {
            throw new IllegalArgumentException("gpuModel is required, e.g. \"RTX 4090\"");
        }
    }

    private static void requirePrice(Money price, String field) {
        if (price == null || price.isNegative()) {
            throw new IllegalArgumentException(field + " must be a price >= 0, was " + price);
        }
    }
}
