package dev.assay.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerCommandsTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    static PodSpec notebook() {
        return new PodSpec("p1", "ghcr.io/acme/notebook:1.2", List.of("jupyter", "lab", "--port=8888"),
                Map.of("TOKEN", "s3cret", "HF_HOME", "/workspace/hf"),
                List.of(new PodSpec.PortRequest(8888, "tcp"), new PodSpec.PortRequest(6006, "udp")),
                List.of(0, 2), 8, 65536, "v1", 102400, "/workspace");
    }

    @Test
    void dockerRunCarriesGpusPortsEnvLimitsVolumeAndCommand() {
        ContainerCommands docker = new ContainerCommands("docker");
        PodSpec spec = notebook();

        assertThat(docker.run(spec, GRACE)).containsExactly(
                "run", "-d", "--name", "assay-p1", "--label", "assay.pod=p1",
                "--label", "assay.spec=" + docker.specDigest(spec, GRACE),
                "--gpus", "\"device=0,2\"",
                "-p", "0:8888/tcp", "-p", "0:6006/udp",
                "-e", "HF_HOME=/workspace/hf", "-e", "TOKEN=s3cret",
                "--cpus", "8", "--memory", "65536m",
                "-v", "assay-vol-v1:/workspace",
                "--stop-timeout", "30",
                "ghcr.io/acme/notebook:1.2", "jupyter", "lab", "--port=8888");
    }

    @Test
    void podmanRunNamesEachGpuAsACdiDeviceAndKeepsTheOtherFlags() {
        ContainerCommands podman = new ContainerCommands("podman");
        PodSpec spec = notebook();

        List<String> argv = podman.run(spec, GRACE);

        assertThat(argv).doesNotContain("--gpus");
        assertThat(argv.subList(8, 12)).containsExactly("--device", "nvidia.com/gpu=0", "--device", "nvidia.com/gpu=2");
        assertThat(argv.subList(12, argv.size())).isEqualTo(
                new ContainerCommands("docker").run(spec, GRACE).subList(10, argv.size() - 2));
    }

    @Test
    void aPodWithoutGpusLimitsOrVolumeGetsNoFlagsForThem() {
        PodSpec bare = new PodSpec("p2", "alpine:3", List.of(), Map.of(), List.of(), List.of(), 0, 0, null, 0, null);

        List<String> argv = new ContainerCommands("docker").run(bare, Duration.ofMillis(1500));

        assertThat(argv.subList(8, argv.size())).containsExactly("--stop-timeout", "2", "alpine:3");
    }

    @Test
    void theVolumeMountsAtWorkspaceWhenNoPathIsGiven() {
        PodSpec spec = new PodSpec("p3", "alpine:3", List.of(), Map.of(), List.of(), List.of(), 0, 0, "v3", 10, "");

        assertThat(new ContainerCommands("podman").run(spec, GRACE)).containsSequence("-v", "assay-vol-v3:/workspace");
    }

    @Test
    void theSpecDigestChangesWithTheGpusAndNotWithTheMapOrder() {
        ContainerCommands docker = new ContainerCommands("docker");
        PodSpec spec = notebook();
        PodSpec otherGpus = new PodSpec("p1", spec.image(), spec.command(), spec.env(), spec.ports(), List.of(1, 3),
                8, 65536, "v1", 102400, "/workspace");
        PodSpec sameEnvOtherOrder = new PodSpec("p1", spec.image(), spec.command(),
                Map.of("HF_HOME", "/workspace/hf", "TOKEN", "s3cret"), spec.ports(), List.of(0, 2), 8, 65536, "v1",
                102400, "/workspace");

        assertThat(docker.specDigest(otherGpus, GRACE)).isNotEqualTo(docker.specDigest(spec, GRACE));
        assertThat(docker.specDigest(sameEnvOtherOrder, GRACE)).isEqualTo(docker.specDigest(spec, GRACE));
    }

    @Test
    void lifecycleCommandsNameTheContainerAndItsLabels() {
        ContainerCommands docker = new ContainerCommands("docker");

        assertThat(docker.pull("alpine:3")).containsExactly("pull", "alpine:3");
        assertThat(docker.start("p1")).containsExactly("start", "assay-p1");
        assertThat(docker.port("p1")).containsExactly("port", "assay-p1");
        assertThat(docker.stop("p1", Duration.ofMillis(10_001))).containsExactly("stop", "-t", "11", "assay-p1");
        assertThat(docker.remove("p1")).containsExactly("rm", "-f", "assay-p1");
        assertThat(docker.createVolume(notebook()))
                .containsExactly("volume", "create", "--label", "assay.pod=p1", "assay-vol-v1");
        assertThat(docker.volumesOf("p1")).containsExactly("volume", "ls", "-q", "--filter", "label=assay.pod=p1");
        assertThat(docker.removeVolume("assay-vol-v1")).containsExactly("volume", "rm", "assay-vol-v1");
        assertThat(docker.list()).containsExactly("ps", "-a", "--filter", "label=assay.pod", "--format", "{{json .}}");
        assertThat(docker.inspect("p1")).containsExactly("inspect", "--type", "container", "--format",
                "{{.Id}}|{{.State.Status}}|{{index .Config.Labels \"assay.spec\"}}", "assay-p1");
    }

    @Test
    void dockerAsksItsDaemonForTheVersionAndPodmanItsClient() {
        assertThat(new ContainerCommands("docker").version()).containsExactly("version", "--format",
                "{{.Server.Version}}");
        assertThat(new ContainerCommands("podman").version()).containsExactly("version", "--format",
                "{{.Client.Version}}");
    }

    @Test
    void onlyDockerAndPodmanAreEngines() {
        assertThatThrownBy(() -> new ContainerCommands("containerd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("containerd");
    }

    @Test
    void anImageThatReadsAsAnOptionIsRefused() {
        PodSpec spec = new PodSpec("p1", "--privileged", List.of(), Map.of(), List.of(), List.of(), 0, 0, null, 0,
                null);

        assertThatThrownBy(() -> ContainerCommands.check(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--privileged");
    }

    @Test
    void namesMountPathsEnvAndPortsTheEngineWouldMisreadAreRefused() {
        PodSpec ok = notebook();
        List<PodSpec> bad = List.of(
                new PodSpec("-p1", ok.image(), List.of(), Map.of(), List.of(), List.of(), 0, 0, "v1", 0, null),
                new PodSpec("p1", ok.image(), List.of(), Map.of(), List.of(), List.of(), 0, 0, "../v1", 0, null),
                new PodSpec("p1", ok.image(), List.of(), Map.of(), List.of(), List.of(), 0, 0, "v1", 0, "/w:rshared"),
                new PodSpec("p1", ok.image(), List.of(), Map.of("A=B", "c"), List.of(), List.of(), 0, 0, "v1", 0, null),
                new PodSpec("p1", ok.image(), List.of(), Map.of(), List.of(new PodSpec.PortRequest(0, "tcp")),
                        List.of(), 0, 0, "v1", 0, null));

        ContainerCommands.check(ok);
        for (PodSpec spec : bad) {
            assertThatThrownBy(() -> ContainerCommands.check(spec)).as(spec.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
