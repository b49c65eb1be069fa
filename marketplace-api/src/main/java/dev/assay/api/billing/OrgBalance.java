package dev.assay.api.billing;

import dev.assay.pricing.Money;
import java.util.Objects;

/**
 * An organisation's two accounts; zero for an account that does not exist yet.
 *
 * @param orgId       the organisation
 * @param available   its renter balance: what its pods may still spend; never negative
 * @param hostPayable what the marketplace owes it for its hosts' work
 */
public record OrgBalance(String orgId, Money available, Money hostPayable) {
    public OrgBalance {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(hostPayable, "hostPayable");
    }
}
