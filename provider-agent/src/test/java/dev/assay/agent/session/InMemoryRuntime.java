package dev.assay.agent.session;

import dev.assay.agent.runtime.ContainerRuntime;
import dev.assay.agent.runtime.ContainerState;
import dev.assay.agent.runtime.PodSpec;
import dev.assay.agent.runtime.RuntimeFailure;
import dev.assay.agent.runtime.StartedPod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A container runtime in memory: counts starts, publishes container port p on host port 30000 + p. */
final class InMemoryRuntime implements ContainerRuntime {

    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    final Map<String, ContainerState> containers = new ConcurrentHashMap<>();

    @Override
    public String describe() {
        return "in-memory test runtime";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public StartedPod start(PodSpec spec) throws RuntimeFailure {
        if (spec.image().startsWith("missing/")) {
            throw new RuntimeFailure("image not found: " + spec.image(), false);
        }
        if (!(containers.get(spec.podId()) instanceof ContainerState.Running)) {
            starts.incrementAndGet();
            containers.put(spec.podId(), new ContainerState.Running());
        }
        return new StartedPod(spec.podId(), "c-" + spec.podId(), spec.ports().stream()
                .map(p -> new StartedPod.PortBinding(p.containerPort(), 30_000 + p.containerPort(), p.protocol()))
                .toList());
    }

    @Override
    public void stop(String podId, Duration grace, boolean removeVolume) {
        if (containers.get(podId) instanceof ContainerState.Running) {
            stops.incrementAndGet();
            containers.put(podId, new ContainerState.Stopped());
        }
        if (removeVolume) {
            containers.remove(podId);
        }
    }

    @Override
    public Map<String, ContainerState> pods() {
        return Map.copyOf(containers);
    }

    /** The container ends on its own, as a renter's program that finishes. */
    void exit(String podId, int code) {
        containers.put(podId, new ContainerState.Exited(code));
    }

    List<String> running() {
        return containers.entrySet().stream().filter(e -> e.getValue() instanceof ContainerState.Running)
                .map(Map.Entry::getKey).toList();
    }
}
