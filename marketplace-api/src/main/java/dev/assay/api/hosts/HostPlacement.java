package dev.assay.api.hosts;

import dev.assay.matching.inventory.Tier;

/**
 * Where a machine that joins through an agent stands, as its owner said when creating the enrollment token: the
 * agent reports what the machine is, never where it is or which tier it belongs to.
 *
 * @param name the owner's name for the machine; empty means the agent's hostname
 * @param geolocation ISO 3166 alpha-2 country code; "ZZ" when the owner did not say
 */
public record HostPlacement(String name, Tier tier, String region, String datacenter, String geolocation) {

    /** What a token created without a placement gives: a community machine somewhere unknown. */
    public static final HostPlacement UNSPECIFIED = new HostPlacement("", Tier.COMMUNITY, "unknown", "", "ZZ");
}
