package dev.assay.agent.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process-based SIMULATED runtime for the demo and tests: each pod is a real OS process ({@code sleep}, or
 * {@code /bin/sh -c '<command>'} when the spec has a command, so a pod can exit by itself with a code), its volume
 * a directory {@code <base>/volumes/<volumeId>} (made on start, kept on stop, deleted with removeVolume), its output
 * appended to {@code <base>/logs/<podId>.log}. Nothing is isolated and no image is pulled; the GPUs, CPU and memory
 * limits of the spec are ignored. Port bindings are reported with host ports that were free when the pod started;
 * nothing listens on them.
 *
 * <p>An image whose name contains {@value #FAIL_PULL_MARK} fails to "pull" as the renter's fault, so the demo and
 * tests can show a failed pull (unless turned off).
 *
 * <p>Thread-safe: each pod's commands run one at a time, different pods in parallel.
 */
public final class SimulatedRuntime implements ContainerRuntime {

    static final String FAIL_PULL_MARK = "fail-pull";
    /** How long stop waits for a process it killed to be gone before reporting it stopped anyway. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Path volumes;
    private final Path logs;
    private final boolean failPullImages;
    private final Map<String, SimulatedPod> pods = new ConcurrentHashMap<>();

    /** A runtime whose pods live under {@code baseDir}, failing the pull of "fail-pull" images. */
    public SimulatedRuntime(Path baseDir) {
        this(baseDir, true);
    }

    public SimulatedRuntime(Path baseDir, boolean failPullImages) {
        this.volumes = baseDir.resolve("volumes");
        this.logs = baseDir.resolve("logs");
        this.failPullImages = failPullImages;
    }

    @Override
    public String describe() {
        return "SIMULATED processes";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public StartedPod start(PodSpec spec) throws RuntimeFailure {
        try {
            ContainerCommands.check(spec);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailure(e.getMessage(), false, e);
        }
        if (failPullImages && spec.image().contains(FAIL_PULL_MARK)) {
            throw new RuntimeFailure("SIMULATED pull of " + spec.image() + " failed: manifest unknown", false);
        }
        SimulatedPod pod = pods.computeIfAbsent(spec.podId(), id -> new SimulatedPod());
        synchronized (pod) {
            if (pod.process != null && pod.process.isAlive()) {
                return pod.started;
            }
            Path workDir = volumeDir(spec);
            try {
                Files.createDirectories(workDir);
                Files.createDirectories(logs);
                ProcessBuilder builder = new ProcessBuilder(command(spec)).directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(spec.podId() + ".log").toFile()));
                builder.environment().putAll(spec.env());
                Process process = builder.start();
                pod.process = process;
                pod.volumeId = spec.volumeId();
                pod.stoppedByAgent = false;
                pod.started = new StartedPod(spec.podId(), "sim-" + process.pid(), freePorts(spec.ports()));
                return pod.started;
            } catch (IOException | UncheckedIOException e) {
                throw new RuntimeFailure("SIMULATED pod " + spec.podId() + " cannot start: " + e.getMessage(), true, e);
            }
        }
    }

    /** SIGTERM to the pod's process and its children, SIGKILL to whatever still lives once {@code grace} passed. */
    @Override
    public void stop(String podId, Duration grace, boolean removeVolume) throws RuntimeFailure {
        SimulatedPod pod = pods.get(podId);
        if (pod == null) {
            return;
        }
        synchronized (pod) {
            Process process = pod.process;
            if (process != null && process.isAlive()) {
                // Captured before the parent dies: orphans are re-parented and no longer its descendants.
                List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
                tree.add(process.toHandle());
                tree.forEach(ProcessHandle::destroy);
                pod.stoppedByAgent = true;
                if (!waitFor(process, grace)) {
                    tree.forEach(ProcessHandle::destroyForcibly);
                    waitFor(process, KILL_WAIT);
                }
                // sh may have died on SIGTERM while a child ignoring it lives on: no stray processes after stop.
                tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            }
            if (removeVolume) {
                if (pod.volumeId != null && !pod.volumeId.isBlank()) {
                    deleteTree(volumes.resolve(pod.volumeId));
                }
                pods.remove(podId, pod);
            }
        }
    }

    @Override
    public Map<String, ContainerState> pods() {
        Map<String, ContainerState> states = new LinkedHashMap<>();
        pods.forEach((podId, pod) -> {
            ContainerState state = pod.state();
            if (state != null) {
                states.put(podId, state);
            }
        });
        return Map.copyOf(states);
    }

    private Path volumeDir(PodSpec spec) {
        return spec.volumeId() == null || spec.volumeId().isBlank()
                ? volumes.resolve("pod-" + spec.podId())
                : volumes.resolve(spec.volumeId());
    }

    private static List<String> command(PodSpec spec) {
        return spec.command().isEmpty()
                ? List.of("sleep", "2147483647")
                : List.of("/bin/sh", "-c", String.join(" ", spec.command()));
    }

    private static List<StartedPod.PortBinding> freePorts(List<PodSpec.PortRequest> requests) {
        List<StartedPod.PortBinding> bindings = new ArrayList<>();
        for (PodSpec.PortRequest request : requests) {
            try (ServerSocket socket = new ServerSocket(0)) {
                bindings.add(new StartedPod.PortBinding(request.containerPort(), socket.getLocalPort(),
                        request.protocol()));
            } catch (IOException e) {
                throw new UncheckedIOException("no free port for " + request, e);
            }
        }
        return bindings;
    }

    private static boolean waitFor(Process process, Duration timeout) throws RuntimeFailure {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while stopping a SIMULATED pod", true, e);
        }
    }

    private static void deleteTree(Path root) throws RuntimeFailure {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("SIMULATED volume " + root + " cannot be removed: " + e.getMessage(), true, e);
        }
    }

    /** One pod's process and what stop did to it; guarded by its own monitor, read without it by pods(). */
    private static final class SimulatedPod {

        volatile Process process;
        volatile String volumeId;
        volatile boolean stoppedByAgent;
        volatile StartedPod started;

        /** Null while the pod is being created (no process yet). */
        ContainerState state() {
            Process p = process;
            if (p == null) {
                return null;
            }
            if (p.isAlive()) {
                return new ContainerState.Running();
            }
            return stoppedByAgent ? new ContainerState.Stopped() : new ContainerState.Exited(p.exitValue());
        }
    }
}
