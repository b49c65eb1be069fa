package dev.assay.api.pods;

/**
 * The way to a host's provider agent: start and stop pods there. Called after the transaction that
 * decided it committed, never inside it. The agent answers with pod events through
 * {@link PodLifecycle#reportState}; the gateway itself changes no state.
 */
public interface AgentGateway {

    /** Asks the host to start the pod (pull the image, start the container on the given GPUs). */
    void startPod(PodLaunch launch);

    /** Asks the host to stop the pod's container, keeping its disk. */
    void stopPod(PodStop stop);
}
