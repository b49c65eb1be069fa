package dev.assay.api.live;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** The embedded default has one instance: a message to it is delivered at once, a broadcast reaches nobody. */
@Singleton
@Requires(missingProperty = "redis.uri")
class InProcessPeerBus implements PeerBus {

    private final InstanceId self;
    private final Map<String, List<BiConsumer<String, String>>> listeners = new ConcurrentHashMap<>();

    InProcessPeerBus(InstanceId self) {
        this.self = self;
    }

    @Override
    public void send(String instanceId, String topic, String payload) {
        if (self.value().equals(instanceId)) {
            listeners.getOrDefault(topic, List.of()).forEach(l -> l.accept(instanceId, payload));
        }
    }

    @Override
    public void broadcast(String topic, String payload) {
        // no other instance
    }

    @Override
    public void listen(String topic, BiConsumer<String, String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }
}
