package dev.assay.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedRuntimeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path base;

    private SimulatedRuntime runtime;

    @AfterEach
    void noPodOutlivesItsTest() throws Exception {
        if (runtime != null) {
            for (String podId : runtime.pods().keySet()) {
                runtime.stop(podId, Duration.ZERO, false);
            }
        }
    }

    private static PodSpec pod(String podId, List<String> command) {
        return new PodSpec(podId, "ghcr.io/acme/notebook:1.2", command, Map.of("GREETING", "hello"),
                List.of(new PodSpec.PortRequest(8888, "tcp")), List.of(0), 4, 4096, "vol-" + podId, 1024,
                "/workspace");
    }

    @Test
    void startingTwiceRunsOneProcessAndAnswersTheSamePod() throws Exception {
        runtime = new SimulatedRuntime(base);

        StartedPod first = runtime.start(pod("p1", List.of()));
        StartedPod second = runtime.start(pod("p1", List.of()));

        assertThat(second).isEqualTo(first);
        long pid = Long.parseLong(first.containerId().substring("sim-".length()));
        assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive);
        assertThat(first.ports()).singleElement().satisfies(binding -> {
            assertThat(binding.containerPort()).isEqualTo(8888);
            assertThat(binding.hostPort()).isBetween(1, 65535);
            assertThat(binding.protocol()).isEqualTo("tcp");
        });
        assertThat(runtime.pods()).containsExactly(Map.entry("p1", new ContainerState.Running()));
        assertThat(runtime.describe()).isEqualTo("SIMULATED processes");
        assertThat(runtime.simulated()).isTrue();
    }

    @Test
    void stopKeepsTheVolumeAndResumeRunsANewProcessOnIt() throws Exception {
        runtime = new SimulatedRuntime(base);
        StartedPod first = runtime.start(pod("p1", List.of()));
        Path volume = base.resolve("volumes/vol-p1");
        Files.writeString(volume.resolve("checkpoint.pt"), "weights");

        long started = System.nanoTime();
        runtime.stop("p1", Duration.ofSeconds(5), false);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("sleep ends on SIGTERM, well before the grace")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(runtime.pods()).containsExactly(Map.entry("p1", new ContainerState.Stopped()));
        assertThat(volume.resolve("checkpoint.pt")).hasContent("weights");
        StartedPod resumed = runtime.start(pod("p1", List.of()));
        assertThat(resumed.containerId()).isNotEqualTo(first.containerId());
        assertThat(runtime.pods()).containsExactly(Map.entry("p1", new ContainerState.Running()));
    }

    @Test
    void removingTheVolumeDeletesItsDirectoryAndForgetsThePod() throws Exception {
        runtime = new SimulatedRuntime(base);
        runtime.start(pod("p1", List.of()));
        Path volume = base.resolve("volumes/vol-p1");
        Files.createDirectories(volume.resolve("data"));
        Files.writeString(volume.resolve("data/shard-0"), "rows");

        runtime.stop("p1", Duration.ofSeconds(5), true);

        assertThat(volume).doesNotExist();
        assertThat(runtime.pods()).isEmpty();
    }

    @Test
    void aPodThatEndsByItselfShowsItsExitCode() throws Exception {
        runtime = new SimulatedRuntime(base);

        runtime.start(pod("p1", List.of("exit 3")));

        assertThat(eventually(() -> ended(runtime.pods().get("p1")))).isEqualTo(new ContainerState.Exited(3));
        runtime.stop("p1", Duration.ofSeconds(1), false);
        assertThat(runtime.pods().get("p1")).as("stopping an ended pod leaves it as it is")
                .isEqualTo(new ContainerState.Exited(3));
    }

    @Test
    void thePodRunsInItsVolumeWithItsEnvironment() throws Exception {
        runtime = new SimulatedRuntime(base);

        runtime.start(pod("p1", List.of("echo \"$GREETING\" > greeting.txt")));

        assertThat(eventually(() -> ended(runtime.pods().get("p1")))).isEqualTo(new ContainerState.Exited(0));
        assertThat(base.resolve("volumes/vol-p1/greeting.txt")).hasContent("hello");
    }

    @Test
    void stopKillsAPodThatIgnoresSigtermOnceTheGraceHasPassed() throws Exception {
        runtime = new SimulatedRuntime(base);
        StartedPod pod = runtime.start(pod("p1", List.of("trap \"\" TERM; sleep 100")));
        ProcessHandle shell = ProcessHandle.of(Long.parseLong(pod.containerId().substring("sim-".length())))
                .orElseThrow();
        List<ProcessHandle> children = eventually(() -> {
            List<ProcessHandle> now = shell.children().toList();
            return now.isEmpty() ? null : now;
        });

        long started = System.nanoTime();
        runtime.stop("p1", Duration.ofMillis(300), false);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
        assertThat(shell.isAlive()).isFalse();
        assertThat(eventually(() -> children.stream().noneMatch(ProcessHandle::isAlive) ? true : null)).isTrue();
        assertThat(runtime.pods()).containsExactly(Map.entry("p1", new ContainerState.Stopped()));
    }

    @Test
    void aFailPullImageFailsAsTheRentersFault() {
        runtime = new SimulatedRuntime(base);
        PodSpec failing = new PodSpec("p1", "acme/fail-pull:latest", List.of(), Map.of(), List.of(), List.of(), 0, 0,
                "v1", 0, null);

        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> runtime.start(failing));

        assertThat(failure.hostCaused()).isFalse();
        assertThat(failure.getMessage()).contains("SIMULATED").contains("acme/fail-pull:latest");
        assertThat(runtime.pods()).isEmpty();
    }

    @Test
    void withFailingPullsOffAFailPullImageRuns() throws Exception {
        runtime = new SimulatedRuntime(base, false);
        PodSpec image = new PodSpec("p1", "acme/fail-pull:latest", List.of(), Map.of(), List.of(), List.of(), 0, 0,
                "v1", 0, null);

        runtime.start(image);

        assertThat(runtime.pods()).containsExactly(Map.entry("p1", new ContainerState.Running()));
    }

    @Test
    void stoppingAnUnknownPodDoesNothing() throws Exception {
        runtime = new SimulatedRuntime(base);

        runtime.stop("nobody", Duration.ofSeconds(1), true);

        assertThat(runtime.pods()).isEmpty();
    }

    /** The state once the pod no longer runs, else null (poll again). */
    private static ContainerState ended(ContainerState state) {
        return state instanceof ContainerState.Running ? null : state;
    }

    /** Polls until the supplier answers non-null, failing after {@link #DEADLINE}. */
    private static <T> T eventually(Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing within " + DEADLINE);
    }
}
