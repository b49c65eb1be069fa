package dev.assay.api.live;

import java.util.function.BiConsumer;

/**
 * Messages between marketplace instances: to one instance (a command for an agent whose stream it holds) or to all
 * (a market change). Delivery is at most once and best effort: whatever travels here is also recoverable from
 * PostgreSQL (a pod's state, a host's row), so a lost message costs latency, never correctness.
 */
public interface PeerBus {

    /**
     * Sends {@code payload} under {@code topic} to the instance {@code instanceId}.
     *
     * @throws LiveStateUnavailable when it cannot be sent now
     */
    void send(String instanceId, String topic, String payload);

    /** Sends {@code payload} under {@code topic} to every other instance; never to this one. */
    void broadcast(String topic, String payload);

    /** Calls {@code listener} with (sending instance, payload) for every message of {@code topic} to this instance. */
    void listen(String topic, BiConsumer<String, String> listener);
}
