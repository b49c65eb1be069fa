package dev.assay.api.live;

import java.util.Optional;

/**
 * Which instance holds each connected agent's stream. An entry lives for a time-to-live that the holder renews
 * while the agent is heard from, so an instance that dies stops claiming its agents by itself; commands for an
 * agent go to the holder ({@link PeerBus}), and a host whose agent has no entry is away.
 */
public interface AgentDirectory {

    /** This instance holds the host's stream now (claims or renews the entry). */
    void holding(String hostId);

    /** This instance no longer holds the host's stream; an entry another instance took since is left alone. */
    void released(String hostId);

    /** The instance holding the host's stream, if any. */
    Optional<String> holderOf(String hostId);

    /** The hosts of {@code hostIds} whose stream some instance holds, with that instance. */
    java.util.Map<String, String> holdersOf(java.util.List<String> hostIds);
}
