package dev.assay.api.live;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One instance: it holds every connected agent's stream. */
@Singleton
@Requires(missingProperty = "redis.uri")
class InProcessAgentDirectory implements AgentDirectory {

    private final InstanceId self;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    InProcessAgentDirectory(InstanceId self) {
        this.self = self;
    }

    @Override
    public void holding(String hostId) {
        held.add(hostId);
    }

    @Override
    public void released(String hostId) {
        held.remove(hostId);
    }

    @Override
    public java.util.Map<String, String> holdersOf(java.util.List<String> hostIds) {
        java.util.Map<String, String> holders = new java.util.HashMap<>();
        hostIds.stream().filter(held::contains).forEach(h -> holders.put(h, self.value()));
        return holders;
    }

    @Override
    public Optional<String> holderOf(String hostId) {
        return held.contains(hostId) ? Optional.of(self.value()) : Optional.empty();
    }
}
