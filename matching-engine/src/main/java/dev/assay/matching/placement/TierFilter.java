package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/** The host is in the tier the renter asked for, if any. */
final class TierFilter implements PlacementFilter {

    static final String RULE = "tier";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return request.tier().isPresent();
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return request.tier().isEmpty() || request.tier().get() == host.tier();
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "is", "are") + " not in the " + request.tier().map(Enum::name).orElse("requested") + " tier";
    }
}
