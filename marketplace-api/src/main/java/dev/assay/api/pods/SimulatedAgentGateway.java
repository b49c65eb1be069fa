package dev.assay.api.pods;

import io.micronaut.context.BeanProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent gateway for SIMULATED hosts (demo and test fleets; no agent, no container): it plays the
 * agent's part, reporting SCHEDULED → STARTING → RUNNING after a start and STOPPED after a stop, through
 * {@link PodLifecycle#reportState} like a real agent. Reports run on their own virtual thread, after the
 * request that caused them committed, as a real agent's would. Not a bean of its own: the agents' gateway
 * ({@code dev.assay.api.agents.AgentStreamGateway}) hands it the pods of simulated hosts that have no agent
 * connected (the demo fleet).
 */
public class SimulatedAgentGateway implements AgentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgentGateway.class);

    // Lazily: the lifecycle publishes through this gateway, and this gateway reports to the lifecycle.
    private final BeanProvider<PodLifecycle> lifecycle;

    public SimulatedAgentGateway(BeanProvider<PodLifecycle> lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void startPod(PodLaunch launch) {
        if (!launch.simulated()) {
            LOG.info("event=start_pod_waits_for_agent pod={} host={}", launch.podId(), launch.hostId());
            return;
        }
        Thread.ofVirtual().name("simulated-agent-" + launch.podId()).start(() -> {
            report(launch.podId(), PodState.STARTING, "SIMULATED agent: pulling " + launch.image());
            report(launch.podId(), PodState.RUNNING, "SIMULATED agent: container running on GPUs "
                    + launch.gpuIndices());
        });
    }

    @Override
    public void stopPod(PodStop stop) {
        if (!stop.simulated() || !stop.expectStopped()) {
            return; // a real agent answers itself; a pod that left its GPUs has no simulated container to stop
        }
        Thread.ofVirtual().name("simulated-agent-" + stop.podId()).start(
                () -> report(stop.podId(), PodState.STOPPED, "SIMULATED agent: container stopped, disk kept"));
    }

    private void report(String podId, PodState state, String reason) {
        try {
            lifecycle.get().reportState(podId, state, reason);
        } catch (RuntimeException e) {
            // A real agent logs a refused report and resyncs; the pod's state in the database stays right.
            LOG.info("event=simulated_report_refused pod={} state={} why=\"{}\"", podId, state, e.getMessage());
        }
    }
}
