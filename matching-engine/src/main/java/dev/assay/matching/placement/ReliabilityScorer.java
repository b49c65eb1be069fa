package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/** Reliability: the host's conservative lower bound, already in [0, 1]. */
final class ReliabilityScorer implements PlacementScorer {

    static final String NAME = "reliability";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(PlacementRequest request, Host host) {
        return Math.clamp(host.reliability(), 0.0, 1.0);
    }
}
