package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import java.util.List;

/**
 * Locality: the renter lists datacenters and regions most preferred first; the first scores 1 and each
 * later one a little less ({@code 1 − position ÷ list size}). A datacenter preference, being the finer
 * one, counts before a region preference. No preference: every host scores 1.
 */
final class LocalityScorer implements PlacementScorer {

    static final String NAME = "locality";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(PlacementRequest request, Host host) {
        return of(request, host.region(), host.datacenter());
    }

    /** The score of a host in {@code region} / {@code datacenter}. */
    static double of(PlacementRequest request, String region, String datacenter) {
        if (!request.datacenters().isEmpty()) {
            return preference(request.datacenters(), datacenter);
        }
        if (!request.regions().isEmpty()) {
            return preference(request.regions(), region);
        }
        return 1;
    }

    private static double preference(List<String> preferred, String actual) {
        int position = preferred.indexOf(actual);
        return position < 0 ? 0 : 1.0 - (double) position / preferred.size();
    }
}
