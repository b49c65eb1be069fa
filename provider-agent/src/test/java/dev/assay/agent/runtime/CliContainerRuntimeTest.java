package dev.assay.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContainerRuntimeTest {

    private static final String NO_SUCH = "Error response from daemon: No such container: assay-p1\n";
    private static final String DAEMON_DOWN = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
            + "Is the docker daemon running?\n";
    private static final String PORTS = "8888/tcp -> 0.0.0.0:32768\n8888/tcp -> [::]:32768\n6006/udp -> 0.0.0.0:32769\n";

    @TempDir
    Path dir;

    private FakeEngine engine;
    private CliContainerRuntime docker;
    private final PodSpec spec = ContainerCommandsTest.notebook();

    @BeforeEach
    void fakeDocker() throws IOException {
        engine = new FakeEngine(dir);
        engine.answer("port", PORTS).answer("run", "c0ffee\n");
        docker = new CliContainerRuntime("docker", engine.executable());
    }

    @Test
    void aNewPodIsPulledGivenItsVolumeAndRunWithTheEnginesPortsReadBack() throws Exception {
        engine.fail("inspect", NO_SUCH, 1);

        StartedPod pod = docker.start(spec);

        assertThat(engine.subcommands()).containsExactly("inspect", "pull", "volume-create", "run", "port");
        assertThat(engine.calls().get(3)).isEqualTo(new ContainerCommands("docker").run(spec,
                CliContainerRuntime.DEFAULT_STOP_GRACE));
        assertThat(pod).isEqualTo(new StartedPod("p1", "c0ffee", List.of(
                new StartedPod.PortBinding(8888, 32768, "tcp"), new StartedPod.PortBinding(6006, 32769, "udp"))));
    }

    @Test
    void startingARunningPodAgainAnswersItWithoutRunningAnything() throws Exception {
        engine.answer("inspect", "c0ffee|running|whatever\n");

        StartedPod first = docker.start(spec);
        StartedPod second = docker.start(spec);

        assertThat(second).isEqualTo(first);
        assertThat(engine.subcommands()).containsExactly("inspect", "port", "inspect", "port");
    }

    @Test
    void aStoppedPodResumesWithStartKeepingItsContainer() throws Exception {
        String digest = new ContainerCommands("docker").specDigest(spec, CliContainerRuntime.DEFAULT_STOP_GRACE);
        engine.answer("inspect", "c0ffee|exited|" + digest + "\n");

        StartedPod pod = docker.start(spec);

        assertThat(engine.calls()).containsExactly(
                new ContainerCommands("docker").inspect("p1"), List.of("start", "assay-p1"), List.of("port", "assay-p1"));
        assertThat(pod.containerId()).isEqualTo("c0ffee");
    }

    @Test
    void aStoppedPodMadeFromAnotherSpecIsReplacedOnTheSameVolume() throws Exception {
        engine.answer("inspect", "c0ffee|exited|0123456789abcdef\n");

        docker.start(spec);

        assertThat(engine.subcommands()).containsExactly("inspect", "rm", "pull", "volume-create", "run", "port");
        assertThat(engine.calls().get(4)).containsSequence("-v", "assay-vol-v1:/workspace");
    }

    @Test
    void stopPassesTheGraceToTheEngineAndThePodThenReadsAsStopped() throws Exception {
        engine.answer("ps", """
                {"ID":"c0ffee","Labels":"assay.pod=p1","Names":"assay-p1","State":"exited","Status":"Exited (143) 1 second ago"}
                """);

        docker.stop("p1", Duration.ofSeconds(45), false);

        assertThat(engine.calls()).containsExactly(List.of("stop", "-t", "45", "assay-p1"));
        assertThat(docker.pods()).containsExactly(Map.entry("p1", new ContainerState.Stopped()));
    }

    @Test
    void terminatingRemovesTheContainerAndTheVolumesLabelledWithThePod() throws Exception {
        engine.answer("volume-ls", "assay-vol-v1\n");

        docker.stop("p1", Duration.ofSeconds(10), true);

        assertThat(engine.calls()).containsExactly(
                List.of("stop", "-t", "10", "assay-p1"),
                List.of("rm", "-f", "assay-p1"),
                List.of("volume", "ls", "-q", "--filter", "label=assay.pod=p1"),
                List.of("volume", "rm", "assay-vol-v1"));
    }

    @Test
    void stoppingAPodWithoutContainerDoesNothing() throws Exception {
        engine.fail("stop", NO_SUCH, 1);

        docker.stop("p1", Duration.ofSeconds(10), false);

        assertThat(engine.subcommands()).containsExactly("stop");
    }

    @Test
    void anImageTheRegistryDoesNotHaveOrRefusesIsTheRentersFault() throws Exception {
        engine.fail("inspect", NO_SUCH, 1);
        for (String stderr : List.of(
                "Error response from daemon: manifest for ghcr.io/acme/notebook:1.2 not found: manifest unknown",
                "Error response from daemon: pull access denied for acme/private, repository does not exist",
                "Error response from daemon: Head \"https://ghcr.io/v2/acme/notebook/manifests/1.2\": unauthorized")) {
            engine.fail("pull", stderr, 1);

            RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> docker.start(spec));

            assertThat(failure.hostCaused()).as(stderr).isFalse();
            assertThat(failure.getMessage()).contains(stderr);
        }
        assertThat(engine.subcommands()).doesNotContain("run");
    }

    @Test
    void aPullTheHostCannotMakeIsTheHostsFault() throws Exception {
        engine.fail("inspect", NO_SUCH, 1);
        engine.fail("pull", "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": dial tcp: "
                + "lookup registry-1.docker.io: no such host", 1);

        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> docker.start(spec));

        assertThat(failure.hostCaused()).isTrue();
        assertThat(failure.getMessage()).contains("no such host");
    }

    @Test
    void aDaemonThatIsDownIsTheHostsFaultAndSaysWhatTheEngineSaid() throws Exception {
        engine.fail("inspect", DAEMON_DOWN, 1);

        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> docker.start(spec));

        assertThat(failure.hostCaused()).isTrue();
        assertThat(failure.getMessage()).contains("Cannot connect to the Docker daemon");
    }

    @Test
    void theEnginesErrorIsTrimmedTo500Characters() throws Exception {
        engine.fail("inspect", "x".repeat(5000), 1);

        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> docker.start(spec));

        assertThat(failure.getMessage()).contains("x".repeat(500)).doesNotContain("x".repeat(501));
    }

    @Test
    void aMissingEngineIsTheHostsFault() {
        CliContainerRuntime missing = new CliContainerRuntime("podman", dir.resolve("no-such-podman"));

        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> missing.start(spec));

        assertThat(failure.hostCaused()).isTrue();
        assertThat(failure.getMessage()).contains("no-such-podman");
        assertThat(missing.describe()).startsWith("podman (unavailable: ");
    }

    @Test
    void aCommandThatHangsIsKilledAtItsTimeout() throws Exception {
        engine.fail("inspect", NO_SUCH, 1).hang("pull", 60);
        CliContainerRuntime impatient = new CliContainerRuntime("docker", engine.executable(),
                Duration.ofMillis(500), Duration.ofSeconds(10));

        long started = System.nanoTime();
        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> impatient.start(spec));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure.hostCaused()).isTrue();
        assertThat(failure.getMessage()).contains("pull").contains("did not finish within PT0.5S");
    }

    @Test
    void aRenterCommandMissingFromTheImageIsTheRentersFault() throws Exception {
        engine.fail("inspect", NO_SUCH, 1).fail("run", "docker: Error response from daemon: failed to create task "
                + "for container: OCI runtime create failed: exec: \"jupyter\": executable file not found in $PATH", 127);

        RuntimeFailure failure = catchThrowableOfType(RuntimeFailure.class, () -> docker.start(spec));

        assertThat(failure.hostCaused()).isFalse();
    }

    @Test
    void psJsonFromDockerReadsAsRunningAndExitedWithTheCodeFromItsStatus() throws Exception {
        engine.answer("ps", """
                {"Command":"\\"jupyter lab\\"","ID":"c0ffee","Image":"alpine:3","Labels":"assay.spec=ab12,assay.pod=p1","Names":"assay-p1","Ports":"0.0.0.0:32768->8888/tcp","State":"running","Status":"Up 5 minutes"}
                {"Command":"\\"exit 3\\"","ID":"decade","Image":"alpine:3","Labels":"assay.pod=p2","Names":"assay-p2","State":"exited","Status":"Exited (3) 2 minutes ago"}
                {"Command":"\\"sleep\\"","ID":"f00d","Image":"alpine:3","Labels":"","Names":"assay-p3","State":"created","Status":"Created"}
                """);

        assertThat(docker.pods()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "p1", new ContainerState.Running(),
                "p2", new ContainerState.Exited(3),
                "p3", new ContainerState.Stopped()));
        assertThat(engine.calls()).containsExactly(List.of("ps", "-a", "--filter", "label=assay.pod", "--format",
                "{{json .}}"));
    }

    @Test
    void psJsonFromPodmanReadsItsLabelObjectsAndExitCodes() throws Exception {
        engine.answer("ps", """
                [{"AutoRemove":false,"Command":["sleep","100"],"ExitCode":137,"Exited":true,"Id":"def","Labels":{"assay.pod":"p4"},"Names":["assay-p4"],"State":"exited","Status":"Exited (137) 1 minute ago"},
                 {"Command":["jupyter"],"ExitCode":0,"Exited":false,"Id":"abc","Labels":{"assay.pod":"p5"},"Names":["assay-p5"],"State":"running","Status":"Up 1 minute"}]
                """);
        CliContainerRuntime podman = new CliContainerRuntime("podman", engine.executable());

        assertThat(podman.pods()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "p4", new ContainerState.Exited(137),
                "p5", new ContainerState.Running()));
    }

    @Test
    void whenTheEngineStopsAnsweringPodsAreTheLastOnesListed() throws Exception {
        engine.answer("ps", """
                {"ID":"c0ffee","Labels":"assay.pod=p1","Names":"assay-p1","State":"running","Status":"Up 1 second"}
                """);
        Map<String, ContainerState> listed = docker.pods();
        engine.fail("ps", DAEMON_DOWN, 1);

        assertThat(docker.pods()).isEqualTo(listed).containsOnlyKeys("p1");
    }

    @Test
    void describeNamesTheEngineAndItsVersion() throws Exception {
        engine.answer("version", "27.1.1\n");

        assertThat(docker.describe()).isEqualTo("docker 27.1.1");
        assertThat(docker.simulated()).isFalse();
        engine.fail("version", DAEMON_DOWN, 1);
        assertThat(docker.describe()).startsWith("docker (version unknown: Cannot connect to the Docker daemon");
    }
}
