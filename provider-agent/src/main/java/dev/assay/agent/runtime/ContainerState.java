package dev.assay.agent.runtime;

/** A pod's container as the runtime sees it now. */
public sealed interface ContainerState {

    record Running() implements ContainerState {}

    /** Stopped by the agent (disk kept). */
    record Stopped() implements ContainerState {}

    /** The container exited by itself with this code. */
    record Exited(int exitCode) implements ContainerState {}
}
