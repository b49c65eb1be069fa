package dev.assay.agent.runtime;

import java.util.List;

/** A pod whose container runs: its container id and the host ports its container ports were published on. */
public record StartedPod(String podId, String containerId, List<PortBinding> ports) {

    public StartedPod {
        ports = List.copyOf(ports);
    }

    public record PortBinding(int containerPort, int hostPort, String protocol) {}
}
