package dev.assay.api.live;

/**
 * Asked before a write that will need to reach an agent (a pod created, stopped, started, deleted, re-bid): if live
 * state cannot route the command, the write is refused before anything is committed (503 problem+json with
 * Retry-After), rather than committed and left waiting.
 */
public interface RoutingGuard {

    /** @throws LiveStateUnavailable when commands cannot be routed now */
    void requireRouting(String what);
}
