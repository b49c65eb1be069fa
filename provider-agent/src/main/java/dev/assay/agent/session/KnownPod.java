package dev.assay.agent.session;

import dev.assay.agent.runtime.PodSpec;
import dev.assay.agent.runtime.StartedPod;
import dev.assay.proto.agent.v1.PodState;
import java.util.List;

/**
 * A pod as the agent remembers it across reconnects and restarts: what the marketplace asked for, the last state
 * the agent reported, the ports it was published on and, once it exited, its exit code.
 */
public record KnownPod(PodSpec spec, PodState state, List<StartedPod.PortBinding> ports, int exitCode) {

    public KnownPod {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    KnownPod with(PodState newState) {
        return new KnownPod(spec, newState, ports, exitCode);
    }

    /** States in which the pod holds (or is about to hold) its GPUs: what Hello's running_pods lists. */
    boolean live() {
        return state == PodState.POD_STATE_STARTING || state == PodState.POD_STATE_RUNNING
                || state == PodState.POD_STATE_STOPPING;
    }
}
