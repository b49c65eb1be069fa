package dev.assay.api.hosts;

/** Whether a host can take pods: the {@code hosts.status} column. Only ONLINE hosts are in the market. */
public enum HostStatus {
    /** Heartbeats arrive: its offer is in the market. */
    ONLINE,
    /** Heartbeats missed past the grace period: out of the market until it returns. */
    OFFLINE,
    /** Taken out of service by its owner for good. */
    RETIRED
}
