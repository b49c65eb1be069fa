package dev.assay.agent.session;

import dev.assay.agent.runtime.ContainerRuntime;
import dev.assay.agent.runtime.ContainerState;
import dev.assay.agent.runtime.PodSpec;
import dev.assay.agent.runtime.RuntimeFailure;
import dev.assay.agent.runtime.StartedPod;
import dev.assay.proto.agent.v1.AgentMessage;
import dev.assay.proto.agent.v1.PodEvent;
import dev.assay.proto.agent.v1.PodState;
import dev.assay.proto.agent.v1.PodStatus;
import dev.assay.proto.agent.v1.PortMapping;
import dev.assay.proto.agent.v1.StartPod;
import dev.assay.proto.agent.v1.StopPod;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the marketplace's pod commands against the {@link ContainerRuntime} and reports what happened as
 * PodEvents. The local {@link PodStateFile} is written before anything is started, so a pod the agent may have
 * started is never forgotten by a crash.
 *
 * <p>Commands for one pod run one after another, on worker threads (an image pull can take minutes and must not
 * hold the gRPC thread); commands for different pods run side by side. Repeated commands are answered, not
 * redone: StartPod for a running pod re-sends RUNNING, StopPod for an unknown or stopped pod answers STOPPED.
 */
final class PodSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(PodSupervisor.class);

    private final ContainerRuntime runtime;
    private final PodStateFile state;
    private final ExecutorService workers;
    private final Consumer<AgentMessage> send;
    private final Clock clock;
    /** The last queued command of each pod; the next one runs after it. */
    private final Map<String, CompletableFuture<Void>> queues = new HashMap<>();

    PodSupervisor(ContainerRuntime runtime, PodStateFile state, ExecutorService workers, Consumer<AgentMessage> send,
            Clock clock) {
        this.runtime = runtime;
        this.state = state;
        this.workers = workers;
        this.send = send;
        this.clock = clock;
    }

    /**
     * After an agent restart: starts again every pod the state file says was RUNNING (the runtime answers a
     * container that still runs as it is). A pod that cannot be started is recorded FAILED.
     */
    void resumeAfterRestart() {
        for (KnownPod pod : state.pods().values()) {
            if (pod.state() != PodState.POD_STATE_RUNNING) {
                continue;
            }
            try {
                StartedPod started = runtime.start(pod.spec());
                state.put(new KnownPod(pod.spec(), PodState.POD_STATE_RUNNING, started.ports(), 0));
                LOG.info("event=pod_resumed pod={}", pod.spec().podId());
            } catch (RuntimeFailure e) {
                state.put(new KnownPod(pod.spec(), PodState.POD_STATE_FAILED, List.of(), 0));
                LOG.warn("event=pod_resume_failed pod={} host_caused={} reason=\"{}\"", pod.spec().podId(),
                        e.hostCaused(), e.getMessage());
            }
        }
    }

    /** Hello's running_pods: the pods that hold, or are about to hold, their GPUs. */
    List<PodStatus> livePods() {
        return state.pods().values().stream().filter(KnownPod::live)
                .map(p -> PodStatus.newBuilder().setPodId(p.spec().podId()).setState(p.state()).build()).toList();
    }

    void start(StartPod command) {
        String podId = command.getPodId();
        KnownPod known = state.get(podId).orElse(null);
        if (known != null && known.state() == PodState.POD_STATE_RUNNING) {
            LOG.info("event=pod_start_repeated pod={} state=RUNNING", podId);
            send(event(known, PodState.POD_STATE_RUNNING)); // the earlier RUNNING may have been lost with a stream
            return;
        }
        if (known != null && known.state() == PodState.POD_STATE_STARTING) {
            LOG.info("event=pod_start_repeated pod={} state=STARTING", podId);
            return; // its start is under way and will answer RUNNING or FAILED
        }
        KnownPod starting = new KnownPod(PodSpecs.of(command), PodState.POD_STATE_STARTING, List.of(), 0);
        state.put(starting);
        send(event(starting, PodState.POD_STATE_STARTING));
        enqueue(podId, () -> {
            try {
                StartedPod started = runtime.start(starting.spec());
                KnownPod running = new KnownPod(starting.spec(), PodState.POD_STATE_RUNNING, started.ports(), 0);
                state.put(running);
                LOG.info("event=pod_running pod={} ports={}", podId, started.ports().size());
                send(event(running, PodState.POD_STATE_RUNNING));
            } catch (RuntimeFailure e) {
                KnownPod failed = starting.with(PodState.POD_STATE_FAILED);
                state.put(failed);
                LOG.warn("event=pod_failed pod={} host_caused={} reason=\"{}\"", podId, e.hostCaused(), e.getMessage());
                send(failedEvent(podId, String.valueOf(e.getMessage()), e.hostCaused()));
            }
        });
    }

    void stop(StopPod command) {
        String podId = command.getPodId();
        KnownPod known = state.get(podId).orElse(null);
        boolean holdsContainer = known != null && known.live();
        if (known == null || (!holdsContainer && !command.getTerminate())) {
            LOG.info("event=pod_stop_repeated pod={} known={}", podId, known != null);
            send(stoppedEvent(podId, PodState.POD_STATE_STOPPED));
            return;
        }
        KnownPod stopping = known.with(PodState.POD_STATE_STOPPING);
        state.put(stopping);
        send(event(stopping, PodState.POD_STATE_STOPPING));
        enqueue(podId, () -> {
            try {
                runtime.stop(podId, Duration.ofSeconds(command.getGraceSeconds()), command.getTerminate());
                if (command.getTerminate()) {
                    state.remove(podId); // container and volume are gone: nothing left to resume or report
                    send(stoppedEvent(podId, PodState.POD_STATE_TERMINATED));
                } else {
                    state.put(stopping.with(PodState.POD_STATE_STOPPED));
                    send(stoppedEvent(podId, PodState.POD_STATE_STOPPED));
                }
                LOG.info("event=pod_stopped pod={} terminate={} reason={}", podId, command.getTerminate(),
                        command.getReason());
            } catch (RuntimeFailure e) {
                state.put(stopping.with(PodState.POD_STATE_FAILED));
                LOG.warn("event=pod_stop_failed pod={} host_caused={} reason=\"{}\"", podId, e.hostCaused(),
                        e.getMessage());
                send(failedEvent(podId, "stop failed: " + e.getMessage(), e.hostCaused()));
            }
        });
    }

    /**
     * The heartbeat's pod statuses: local state joined with what the runtime sees. A RUNNING pod whose container
     * exited by itself becomes EXITED here (an event with its exit code, not the host's fault).
     */
    List<PodStatus> poll() {
        Map<String, ContainerState> containers = runtime.pods();
        List<PodStatus> statuses = new ArrayList<>();
        for (KnownPod pod : state.pods().values()) {
            KnownPod now = pod;
            if (pod.state() == PodState.POD_STATE_RUNNING
                    && containers.get(pod.spec().podId()) instanceof ContainerState.Exited(int exitCode)) {
                now = new KnownPod(pod.spec(), PodState.POD_STATE_EXITED, pod.ports(), exitCode);
                state.put(now);
                LOG.info("event=pod_exited pod={} exit_code={}", pod.spec().podId(), exitCode);
                send(AgentMessage.newBuilder().setPodEvent(PodEvent.newBuilder().setPodId(pod.spec().podId())
                        .setState(PodState.POD_STATE_EXITED).setExitCode(exitCode).setHostCaused(false)
                        .setMessage("the container exited by itself with code " + exitCode)
                        .setOccurredAt(BenchmarkReports.timestamp(clock.instant()))).build());
            }
            statuses.add(PodStatus.newBuilder().setPodId(now.spec().podId()).setState(now.state()).build());
        }
        return statuses;
    }

    private synchronized void enqueue(String podId, Runnable command) {
        CompletableFuture<Void> previous = queues.getOrDefault(podId, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous.thenRunAsync(command, workers).exceptionally(e -> {
            LOG.error("event=pod_command_failed pod={}", podId, e);
            return null;
        });
        queues.put(podId, next);
        next.thenRun(() -> forget(podId, next));
    }

    private synchronized void forget(String podId, CompletableFuture<Void> done) {
        queues.remove(podId, done); // keeps the map bounded by the pods with commands in flight
    }

    private AgentMessage event(KnownPod pod, PodState state) {
        PodEvent.Builder event = PodEvent.newBuilder().setPodId(pod.spec().podId()).setState(state)
                .setOccurredAt(BenchmarkReports.timestamp(clock.instant()));
        if (state == PodState.POD_STATE_RUNNING) {
            for (StartedPod.PortBinding port : pod.ports()) {
                event.addPorts(PortMapping.newBuilder().setContainerPort(port.containerPort())
                        .setHostPort(port.hostPort()).setProtocol(port.protocol()));
            }
        }
        return AgentMessage.newBuilder().setPodEvent(event).build();
    }

    private AgentMessage stoppedEvent(String podId, PodState state) {
        return AgentMessage.newBuilder().setPodEvent(PodEvent.newBuilder().setPodId(podId).setState(state)
                .setOccurredAt(BenchmarkReports.timestamp(clock.instant()))).build();
    }

    private AgentMessage failedEvent(String podId, String message, boolean hostCaused) {
        return AgentMessage.newBuilder().setPodEvent(PodEvent.newBuilder().setPodId(podId)
                .setState(PodState.POD_STATE_FAILED).setMessage(message).setHostCaused(hostCaused)
                .setOccurredAt(BenchmarkReports.timestamp(clock.instant()))).build();
    }

    private void send(AgentMessage message) {
        send.accept(message);
    }

    /** StartPod → the runtime's PodSpec. */
    static final class PodSpecs {
        private PodSpecs() {}

        static PodSpec of(StartPod c) {
            return new PodSpec(c.getPodId(), c.getImage(), c.getCommandList(), c.getEnvMap(),
                    c.getPortsList().stream().map(p -> new PodSpec.PortRequest(p.getContainerPort(),
                            p.getProtocol().isEmpty() ? "tcp" : p.getProtocol())).toList(),
                    c.getGpuIndicesList(), c.getLimits().getCpuCores(), c.getLimits().getRamMib(),
                    c.getVolume().getVolumeId(), c.getVolume().getSizeMib(), c.getVolume().getMountPath());
        }
    }
}
