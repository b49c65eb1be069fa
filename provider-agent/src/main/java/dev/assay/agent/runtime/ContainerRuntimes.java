package dev.assay.agent.runtime;

import java.nio.file.Path;

/** The runtimes {@code assay-agent run --runtime NAME} can use. */
public final class ContainerRuntimes {

    private ContainerRuntimes() {}

    /**
     * The runtime called {@code name}: "docker" or "podman" (their CLI, found on the PATH) or "simulated" (pods are
     * SIMULATED processes, their volumes directories under {@code stateDir}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ContainerRuntime named(String name, Path stateDir) {
        return switch (name) {
            case "docker", "podman" -> new CliContainerRuntime(name, Path.of(name));
            case "simulated" -> new SimulatedRuntime(stateDir.resolve("simulated-pods"));
            default -> throw new IllegalArgumentException("no container runtime named '" + name
                    + "': use docker, podman or simulated");
        };
    }
}
