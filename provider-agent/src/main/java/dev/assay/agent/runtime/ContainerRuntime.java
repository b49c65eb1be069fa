package dev.assay.agent.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * Where a renter's pod runs on the host: a container engine (Docker or Podman through their CLI) or, for the demo
 * fleet and tests, SIMULATED processes. The agent's session calls it; it knows nothing of the marketplace.
 *
 * <p>Every method is idempotent, because the marketplace may repeat a command after a reconnect: starting a pod
 * whose container runs leaves it running and answers it again; stopping a stopped pod does nothing. Thread-safe.
 */
public interface ContainerRuntime {

    /** What pods run on, for Hello's {@code container_runtime}: e.g. "docker 27.1.1", "SIMULATED processes". */
    String describe();

    /** True when pods here are not real containers (the SIMULATED runtime). */
    boolean simulated();

    /**
     * Starts the pod's container (pulling its image first) or, when it already runs, answers it as it is.
     *
     * @throws RuntimeFailure when it cannot be started; {@link RuntimeFailure#hostCaused()} says whose fault
     */
    StartedPod start(PodSpec spec) throws RuntimeFailure;

    /**
     * Stops the pod's container: SIGTERM, then a kill once {@code grace} has passed. The volume is kept unless
     * {@code removeVolume} (the renter terminated the pod). A pod that is not running is left as it is.
     */
    void stop(String podId, Duration grace, boolean removeVolume) throws RuntimeFailure;

    /** The state of every pod this runtime knows, by pod id: what the heartbeat reports. */
    Map<String, ContainerState> pods();
}
