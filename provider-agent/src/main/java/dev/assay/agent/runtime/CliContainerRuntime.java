package dev.assay.agent.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pods as Docker or Podman containers, driven through the engine's command line (the same flags for both, GPUs
 * aside: see {@link ContainerCommands}).
 *
 * <p>A pod is the container {@code assay-<podId>}, labelled {@code assay.pod=<podId>}, with its disk on the named
 * volume {@code assay-vol-<volumeId>}. Start is idempotent: a running container is answered as it is; a stopped one
 * made from the same spec is started again (resume: same writable layer, same volume); one made from another spec
 * (a resumed pod placed on other GPUs) is replaced by a fresh container on the same volume; otherwise the image is
 * pulled and the container run. Host ports are chosen by the engine and read back with {@code port}.
 *
 * <p>Who stopped a container is not something the engines record, so the pods this runtime stopped are remembered
 * in memory: after an agent restart a container it had stopped reads as Exited with SIGTERM's or SIGKILL's code.
 *
 * <p>Thread-safe: commands for one pod run one at a time (striped locks), different pods in parallel.
 */
public final class CliContainerRuntime implements ContainerRuntime {

    static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** The stop timeout a container is created with, used when something other than the agent stops it. */
    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOCK_STRIPES = 64;
    private static final Logger LOG = LoggerFactory.getLogger(CliContainerRuntime.class);

    private final ContainerCommands commands;
    private final String executable;
    private final Duration pullTimeout;
    private final Duration commandTimeout;
    private final Set<String> stoppedByAgent = ConcurrentHashMap.newKeySet();
    private final Object[] podLocks = new Object[LOCK_STRIPES];
    private volatile Map<String, ContainerState> lastListed = Map.of();

    /**
     * @param engineName "docker" or "podman"
     * @param executable the engine's command line program, e.g. {@code /usr/bin/docker}
     */
    public CliContainerRuntime(String engineName, Path executable) {
        this(engineName, executable, PULL_TIMEOUT, COMMAND_TIMEOUT);
    }

    CliContainerRuntime(String engineName, Path executable, Duration pullTimeout, Duration commandTimeout) {
        this.commands = new ContainerCommands(engineName);
        this.executable = executable.toString();
        this.pullTimeout = pullTimeout;
        this.commandTimeout = commandTimeout;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            podLocks[i] = new Object();
        }
    }

    @Override
    public String describe() {
        try {
            EngineProcess.Result version = exec(commands.version(), commandTimeout);
            if (version.ok() && !version.stdout().isBlank()) {
                return commands.engine() + " " + version.stdout().strip();
            }
            return commands.engine() + " (version unknown: " + EngineProcess.trimmed(version.stderr()) + ")";
        } catch (RuntimeFailure e) {
            return commands.engine() + " (unavailable: " + e.getMessage() + ")";
        }
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public StartedPod start(PodSpec spec) throws RuntimeFailure {
        try {
            ContainerCommands.check(spec);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailure(e.getMessage(), false, e);
        }
        String podId = spec.podId();
        synchronized (lockFor(podId)) {
            Optional<EngineOutput.InspectedContainer> existing = inspect(podId);
            if (existing.isPresent()) {
                EngineOutput.InspectedContainer container = existing.get();
                if (container.running()) {
                    return started(podId, container.id());
                }
                if (container.specDigest().equals(commands.specDigest(spec, DEFAULT_STOP_GRACE))) {
                    check(exec(commands.start(podId), commandTimeout), "start", EngineErrors::renterCausedRun);
                    stoppedByAgent.remove(podId);
                    return started(podId, container.id());
                }
                // Made from another spec: a fresh container; the renter's disk is the volume, which stays.
                check(exec(commands.remove(podId), commandTimeout), "rm", stderr -> false);
            }
            check(exec(commands.pull(spec.image()), pullTimeout), "pull " + spec.image(),
                    EngineErrors::renterCausedPull);
            if (spec.volumeId() != null && !spec.volumeId().isBlank()) {
                check(exec(commands.createVolume(spec), commandTimeout), "volume create", stderr -> false);
            }
            EngineProcess.Result run = check(exec(commands.run(spec, DEFAULT_STOP_GRACE), commandTimeout), "run",
                    EngineErrors::renterCausedRun);
            stoppedByAgent.remove(podId);
            String containerId = run.stdout().strip().lines().reduce((first, last) -> last).orElse("");
            return started(podId, containerId);
        }
    }

    @Override
    public void stop(String podId, Duration grace, boolean removeVolume) throws RuntimeFailure {
        try {
            ContainerCommands.requireName("pod id", podId);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailure(e.getMessage(), false, e);
        }
        synchronized (lockFor(podId)) {
            EngineProcess.Result stop = exec(commands.stop(podId, grace), commandTimeout.plus(grace));
            if (stop.ok()) {
                stoppedByAgent.add(podId);
            } else if (!EngineErrors.noSuchContainer(stop.stderr())) {
                throw failure("stop", stop, true);
            }
            if (removeVolume) {
                EngineProcess.Result rm = exec(commands.remove(podId), commandTimeout);
                if (!rm.ok() && !EngineErrors.noSuchContainer(rm.stderr())) {
                    throw failure("rm", rm, true);
                }
                stoppedByAgent.remove(podId);
                // Found by label, not by the container: a retry after a half-done removal still finds the volume.
                EngineProcess.Result volumes = check(exec(commands.volumesOf(podId), commandTimeout), "volume ls",
                        stderr -> false);
                for (String volume : volumes.stdout().lines().map(String::strip).filter(v -> !v.isEmpty()).toList()) {
                    check(exec(commands.removeVolume(volume), commandTimeout), "volume rm " + volume, stderr -> false);
                }
            }
        }
    }

    /**
     * When the engine does not answer, the last listing it gave: the heartbeat must not report running pods as gone
     * because the CLI hiccupped (with Docker's live restore, containers even outlive their daemon).
     */
    @Override
    public Map<String, ContainerState> pods() {
        List<EngineOutput.ListedContainer> containers;
        try {
            containers = EngineOutput.containers(check(exec(commands.list(), commandTimeout), "ps", s -> false).stdout());
        } catch (RuntimeFailure | IllegalArgumentException e) {
            LOG.warn("event=pods_unlisted engine={} reason=\"{}\" answer=last_known", commands.engine(), e.getMessage());
            return lastListed;
        }
        Map<String, ContainerState> states = new LinkedHashMap<>();
        for (EngineOutput.ListedContainer container : containers) {
            states.put(container.podId(), state(container, stoppedByAgent.contains(container.podId())));
        }
        lastListed = Map.copyOf(states);
        return lastListed;
    }

    static ContainerState state(EngineOutput.ListedContainer container, boolean stoppedByAgent) {
        return switch (container.state()) {
            case "running", "restarting", "paused" -> new ContainerState.Running();
            // Created but never started (a run that failed at start): nothing ran, the disk is there.
            case "created", "configured", "initialized" -> new ContainerState.Stopped();
            default -> stoppedByAgent
                    ? new ContainerState.Stopped()
                    : new ContainerState.Exited(container.exitCode().orElse(-1));
        };
    }

    private Optional<EngineOutput.InspectedContainer> inspect(String podId) throws RuntimeFailure {
        EngineProcess.Result inspect = exec(commands.inspect(podId), commandTimeout);
        if (inspect.ok()) {
            return EngineOutput.inspected(inspect.stdout());
        }
        if (EngineErrors.noSuchContainer(inspect.stderr())) {
            return Optional.empty();
        }
        throw failure("inspect", inspect, true);
    }

    private StartedPod started(String podId, String containerId) throws RuntimeFailure {
        EngineProcess.Result port = check(exec(commands.port(podId), commandTimeout), "port", stderr -> false);
        return new StartedPod(podId, containerId, EngineOutput.ports(port.stdout()));
    }

    private EngineProcess.Result exec(List<String> arguments, Duration timeout) throws RuntimeFailure {
        List<String> argv = new ArrayList<>(arguments.size() + 1);
        argv.add(executable);
        argv.addAll(arguments);
        return EngineProcess.run(argv, timeout);
    }

    private EngineProcess.Result check(EngineProcess.Result result, String what, Predicate<String> renterFault)
            throws RuntimeFailure {
        if (result.ok()) {
            return result;
        }
        throw failure(what, result, !renterFault.test(result.stderr()));
    }

    private RuntimeFailure failure(String what, EngineProcess.Result result, boolean hostCaused) {
        return new RuntimeFailure(commands.engine() + " " + what + " failed (exit " + result.exitCode() + "): "
                + EngineProcess.trimmed(result.stderr()), hostCaused);
    }

    private Object lockFor(String podId) {
        return podLocks[Math.floorMod(podId.hashCode(), LOCK_STRIPES)];
    }
}
