package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/**
 * The pod's all-in price per hour on this host is within the renter's maximum. For an interruptible pod the
 * price checked is the most it can pay: its own bid for every GPU, plus storage.
 */
final class PriceFilter implements PlacementFilter {

    static final String RULE = "price";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return request.maxPricePerHour().isPresent();
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        if (request.maxPricePerHour().isEmpty()) {
            return true;
        }
        return host.offer().isPresent()
                && PodPrice.mostPerHour(request, host.offer().get()).compareTo(request.maxPricePerHour().get()) <= 0;
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "is", "are") + " above your max price "
                + request.maxPricePerHour().map(price -> price.toDollarString() + "/h").orElse("");
    }
}
