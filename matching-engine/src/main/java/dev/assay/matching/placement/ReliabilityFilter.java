package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/** The host's reliability (its conservative lower bound, so new hosts do not pass as perfect) is high enough. */
final class ReliabilityFilter implements PlacementFilter {

    static final String RULE = "reliability";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return request.minReliability() > 0;
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return host.reliability() >= request.minReliability();
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "has", "have") + " reliability below " + Figures.plain(request.minReliability());
    }
}
