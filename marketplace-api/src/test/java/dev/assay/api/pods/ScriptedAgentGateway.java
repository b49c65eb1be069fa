package dev.assay.api.pods;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent gateway of tests: records starts and stops and reports nothing by itself, so a test drives
 * each pod event deterministically through {@link PodLifecycle#reportState}.
 */
@Singleton
@Replaces(AgentGateway.class)
// Tests of the real agents' gateway (pods over an agent's stream) turn this double off.
@Requires(property = "pods-test.scripted-agent", notEquals = "false")
public class ScriptedAgentGateway implements AgentGateway {

    private final List<PodLaunch> launches = new CopyOnWriteArrayList<>();
    private final List<PodStop> stops = new CopyOnWriteArrayList<>();

    @Override
    public void startPod(PodLaunch launch) {
        launches.add(launch);
    }

    @Override
    public void stopPod(PodStop stop) {
        stops.add(stop);
    }

    public List<PodLaunch> launchesOf(String podId) {
        return launches.stream().filter(l -> l.podId().equals(podId)).toList();
    }

    public List<PodStop> stopsOf(String podId) {
        return stops.stream().filter(s -> s.podId().equals(podId)).toList();
    }
}
