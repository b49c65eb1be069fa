package dev.assay.agent.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The argument lists {@link CliContainerRuntime} hands to Docker or Podman (everything after the engine's
 * executable). Pure: no process is started here, so tests check the exact argv of both engines.
 *
 * <p>The two engines take the same flags except for GPUs: Docker's {@code --gpus "device=0,2"} (the quotes are part
 * of the value, because Docker reads it as CSV and the comma would split it) and Podman's CDI devices
 * {@code --device nvidia.com/gpu=0}, one per GPU.
 */
final class ContainerCommands {

    static final String DEFAULT_MOUNT_PATH = "/workspace";
    static final String POD_LABEL = "assay.pod";
    static final String SPEC_LABEL = "assay.spec";

    /** Container, volume and pod names the engines accept; also keeps an id from ever reading as a flag. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** An image reference: no whitespace, and never starting with '-' (it would be read as an option of run). */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][^\\s]{0,254}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp");

    private final String engine;

    ContainerCommands(String engine) {
        if (!engine.equals("docker") && !engine.equals("podman")) {
            throw new IllegalArgumentException("engine must be docker or podman, not " + engine);
        }
        this.engine = engine;
    }

    String engine() {
        return engine;
    }

    static String containerName(String podId) {
        return "assay-" + podId;
    }

    static String volumeName(String volumeId) {
        return "assay-vol-" + volumeId;
    }

    /**
     * Refuses what the engine would misread: a name that is not a name, an image that looks like an option, a mount
     * path with the {@code :} of volume options. The message is for the renter: these come from their request.
     */
    static void check(PodSpec spec) {
        requireName("pod id", spec.podId());
        if (spec.image() == null || !IMAGE.matcher(spec.image()).matches()) {
            throw new IllegalArgumentException("image is not a valid image reference: " + spec.image());
        }
        if (hasVolume(spec)) {
            requireName("volume id", spec.volumeId());
        }
        String mountPath = mountPath(spec);
        if (!mountPath.startsWith("/") || mountPath.contains(":") || mountPath.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("mount path must be an absolute path without ':' or spaces: " + mountPath);
        }
        for (String key : spec.env().keySet()) {
            if (!ENV_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("environment variable name is not valid: " + key);
            }
        }
        for (PodSpec.PortRequest port : spec.ports()) {
            if (port.containerPort() < 1 || port.containerPort() > 65535 || !PROTOCOLS.contains(port.protocol())) {
                throw new IllegalArgumentException("port must be 1..65535/tcp|udp: " + port);
            }
        }
    }

    static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ": " + value);
        }
    }

    List<String> pull(String image) {
        return List.of("pull", image);
    }

    /**
     * One line {@code <id>|<status>|<spec digest>}: whether the pod's container exists, runs, and was made from the
     * same spec. Docker prints {@code <no value>} for a missing label.
     */
    List<String> inspect(String podId) {
        return List.of("inspect", "--type", "container", "--format",
                "{{.Id}}|{{.State.Status}}|{{index .Config.Labels \"" + SPEC_LABEL + "\"}}", containerName(podId));
    }

    /** The volume is made here, not by run's {@code -v}, so it carries the pod label that removal finds it by. */
    List<String> createVolume(PodSpec spec) {
        return List.of("volume", "create", "--label", POD_LABEL + "=" + spec.podId(), volumeName(spec.volumeId()));
    }

    /**
     * {@code run -d}: the container, labelled with its pod and a digest of this very argv so that a stopped
     * container made from another spec (other GPUs after an outbid pod resumes) is recreated rather than restarted.
     */
    List<String> run(PodSpec spec, Duration stopTimeout) {
        List<String> options = runOptions(spec, stopTimeout);
        List<String> argv = new ArrayList<>();
        argv.add("run");
        argv.add("-d");
        argv.add("--name");
        argv.add(containerName(spec.podId()));
        argv.add("--label");
        argv.add(POD_LABEL + "=" + spec.podId());
        argv.add("--label");
        argv.add(SPEC_LABEL + "=" + digest(options));
        argv.addAll(options);
        return List.copyOf(argv);
    }

    /** The digest {@link #run} labels the container with. */
    String specDigest(PodSpec spec, Duration stopTimeout) {
        return digest(runOptions(spec, stopTimeout));
    }

    private List<String> runOptions(PodSpec spec, Duration stopTimeout) {
        List<String> argv = new ArrayList<>();
        argv.addAll(gpuOptions(spec.gpuIndices()));
        for (PodSpec.PortRequest port : spec.ports()) {
            // Host port 0: the engine picks a free one; `port` reads it back.
            argv.add("-p");
            argv.add("0:" + port.containerPort() + "/" + port.protocol());
        }
        // Sorted, so the same spec always gives the same argv (and digest).
        for (Map.Entry<String, String> env : new TreeMap<>(spec.env()).entrySet()) {
            argv.add("-e");
            argv.add(env.getKey() + "=" + env.getValue());
        }
        if (spec.cpuCores() > 0) {
            argv.add("--cpus");
            argv.add(Integer.toString(spec.cpuCores()));
        }
        if (spec.ramMib() > 0) {
            argv.add("--memory");
            argv.add(spec.ramMib() + "m");
        }
        if (hasVolume(spec)) {
            argv.add("-v");
            argv.add(volumeName(spec.volumeId()) + ":" + mountPath(spec));
        }
        argv.add("--stop-timeout");
        argv.add(Long.toString(seconds(stopTimeout)));
        argv.add(spec.image());
        argv.addAll(spec.command());
        return argv;
    }

    private List<String> gpuOptions(List<Integer> gpuIndices) {
        if (gpuIndices.isEmpty()) {
            return List.of();
        }
        if (engine.equals("docker")) {
            String devices = gpuIndices.stream().map(String::valueOf).collect(Collectors.joining(","));
            return List.of("--gpus", "\"device=" + devices + "\"");
        }
        List<String> argv = new ArrayList<>();
        for (int index : gpuIndices) {
            argv.add("--device");
            argv.add("nvidia.com/gpu=" + index);
        }
        return argv;
    }

    List<String> start(String podId) {
        return List.of("start", containerName(podId));
    }

    List<String> port(String podId) {
        return List.of("port", containerName(podId));
    }

    /** SIGTERM, then SIGKILL once {@code grace} (rounded up to whole seconds) has passed. */
    List<String> stop(String podId, Duration grace) {
        return List.of("stop", "-t", Long.toString(seconds(grace)), containerName(podId));
    }

    List<String> remove(String podId) {
        return List.of("rm", "-f", containerName(podId));
    }

    List<String> volumesOf(String podId) {
        return List.of("volume", "ls", "-q", "--filter", "label=" + POD_LABEL + "=" + podId);
    }

    List<String> removeVolume(String volumeName) {
        return List.of("volume", "rm", volumeName);
    }

    List<String> list() {
        return List.of("ps", "-a", "--filter", "label=" + POD_LABEL, "--format", "{{json .}}");
    }

    /** Docker's version is its daemon's; Podman has no daemon, its client is the engine. */
    List<String> version() {
        return List.of("version", "--format", engine.equals("docker") ? "{{.Server.Version}}" : "{{.Client.Version}}");
    }

    static long seconds(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.toNanosPart() > 0 ? seconds + 1 : Math.max(0, seconds);
    }

    private static boolean hasVolume(PodSpec spec) {
        return spec.volumeId() != null && !spec.volumeId().isBlank();
    }

    private static String mountPath(PodSpec spec) {
        return spec.mountPath() == null || spec.mountPath().isBlank() ? DEFAULT_MOUNT_PATH : spec.mountPath();
    }

    private static String digest(List<String> options) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String option : options) {
                sha.update(option.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
