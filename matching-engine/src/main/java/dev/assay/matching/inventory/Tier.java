package dev.assay.matching.inventory;

/** Which part of the market a host sits in. */
public enum Tier {
    /** Independent hosts: gamers, small shops. Measured and reputation-ranked like everyone else. */
    COMMUNITY,
    /** Datacenter providers with contracts, physical security and redundant power and network. */
    SECURE
}
