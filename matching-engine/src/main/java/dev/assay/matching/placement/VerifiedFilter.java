package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.VerificationState;

/** When the renter requires it, the host's measurements were verified. */
final class VerifiedFilter implements PlacementFilter {

    static final String RULE = "verified";

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    public boolean appliesTo(PlacementRequest request) {
        return request.requireVerified();
    }

    @Override
    public boolean accepts(PlacementRequest request, Host host) {
        return !request.requireVerified() || host.verification() == VerificationState.VERIFIED;
    }

    @Override
    public String explain(PlacementRequest request, int hosts) {
        return Figures.count(hosts, "is", "are") + " not verified";
    }
}
