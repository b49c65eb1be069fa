package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.pricing.Money;

/**
 * Price: how cheap the pod's expected all-in price per hour is ({@link PodPrice#expectedPerHour}), whatever
 * the GPU's speed. Mapped to (0, 1] by {@code h / (h + dollarsPerHour)} with h = {@value #HALF_SCORE_DOLLARS_PER_HOUR}:
 * a pod at $1/h scores 0.5, a free one 1. Strictly decreasing in the price, so with this scorer alone the
 * cheapest feasible host wins. Not in the standard pipeline (value already weighs price against speed); used
 * by {@link PlacementPipelines#weighted} when its weight is positive.
 */
final class PriceScorer implements PlacementScorer {

    static final String NAME = "price";
    static final double HALF_SCORE_DOLLARS_PER_HOUR = 1.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(PlacementRequest request, Host host) {
        if (host.offer().isEmpty()) {
            return 0;
        }
        HostOffer offer = host.offer().get();
        return of(PodPrice.expectedPerHour(request, offer));
    }

    /** The score of a pod whose expected all-in price is {@code perHour}. */
    static double of(Money perHour) {
        return HALF_SCORE_DOLLARS_PER_HOUR / (HALF_SCORE_DOLLARS_PER_HOUR + Math.max(0, perHour.toDollarsApprox()));
    }
}
