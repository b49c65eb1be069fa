package dev.assay.reputation.reliability;

/** What a host was doing during an observed interval. */
public enum HostAvailability {
    /** Heartbeats arrived on time: the host could run pods. Counts for the host. */
    ONLINE,
    /** Heartbeats missed past the grace period (the host was OFFLINE, its pods LOST). Counts against it. */
    OFFLINE,
    /** Announced maintenance: the host said in advance it would be away. Counts neither way. */
    MAINTENANCE
}
