package dev.assay.api.hosts;

import java.util.Optional;

/**
 * Live word from machines' agents, for the owner's view of a host: the agents package answers it from its sessions
 * (this package does not know about streams).
 */
public interface AgentLinks {

    /** The agent of {@code hostId} as this instance sees it; empty for a machine that never had an agent here. */
    Optional<HostDetail.Agent> agentOf(String hostId);
}
