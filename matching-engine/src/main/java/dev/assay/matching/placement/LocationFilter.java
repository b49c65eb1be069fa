package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/** The host is in one of the regions and one of the datacenters the renter accepts (empty = any). */
final class LocationFilter implements PlacementFilter {

    static final String RULE = "location";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return !request.regions().isEmpty() || !request.datacenters().isEmpty();
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return (request.regions().isEmpty() || request.regions().contains(host.region()))
                && (request.datacenters().isEmpty() || request.datacenters().contains(host.datacenter()));
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        StringBuilder where = new StringBuilder();
        if (!request.regions().isEmpty()) {
            where.append("region ").append(String.join(", ", request.regions()));
        }
        if (!request.datacenters().isEmpty()) {
            where.append(where.isEmpty() ? "" : " / ").append("datacenter ").append(String.join(", ", request.datacenters()));
        }
        return Figures.count(hosts, "is", "are") + " outside " + where;
    }
}
