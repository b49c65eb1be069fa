package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.agent.json.AgentJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on the test machine, which has no NVIDIA driver: the GPU paths are exercised on the device run. */
class ProbeAndBenchCommandTest {

    private final AgentRun cli = new AgentRun();

    @Test
    void probePrintsTheInventoryAsJson() throws Exception {
        int exit = cli.run("probe");

        assertThat(exit).isZero();
        JsonNode json = AgentJson.mapper().readTree(cli.out());
        assertThat(json.get("agentVersion").asText()).isNotBlank();
        assertThat(json.get("host").get("cpuCores").asInt()).isPositive();
        assertThat(json.get("host").get("ramMib").asLong()).isPositive();
        assertThat(json.get("os").get("name").asText()).isEqualTo(System.getProperty("os.name"));
        assertThat(json.get("disks").isArray()).isTrue();
        JsonNode gpu = json.get("gpu");
        assertThat(gpu.get("source").asText()).isEqualTo("none");
        assertThat(gpu.get("gpus").size()).isZero();
        assertThat(gpu.get("message").asText()).startsWith("no NVIDIA GPU found: ");
    }

    @Test
    void probeCanBeToldToUseNvidiaSmi() throws Exception {
        int exit = cli.run("probe", "--gpu-source", "nvidia_smi");

        assertThat(exit).isZero();
        assertThat(AgentJson.mapper().readTree(cli.out()).get("gpu").get("message").asText())
                .isEqualTo("no NVIDIA GPU found: nvidia-smi can't be run");
    }

    @Test
    void benchWithoutACudaDriverIsAClearErrorWithoutAStackTrace() {
        int exit = cli.run("bench");

        assertThat(exit).isEqualTo(BenchCommand.NO_CUDA);
        assertThat(cli.err().strip())
                .isEqualTo("assay-agent bench: no CUDA driver: libcuda.so.1 not found on this machine");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void benchHostOnlyMeasuresTheHostWithoutAGpuAndPrintsTheFiveFiguresAsJson(@TempDir Path disk) throws Exception {
        int exit = cli.run("bench", "--host-only", "--host-quick", "--json", "--disk-dir", disk.toString());

        assertThat(exit).as(cli.err() + cli.out()).isZero();
        JsonNode json = AgentJson.mapper().readTree(cli.out());
        assertThat(json.get("agentVersion").asText()).isNotBlank();
        assertThat(json.has("figures")).as("no GPU part").isFalse();
        JsonNode host = json.get("host");
        assertThat(host.get("suiteVersion").asText()).isEqualTo("assay-hostbench/1");
        List<String> names = new ArrayList<>();
        for (JsonNode f : host.get("figures")) {
            names.add(f.get("name").asText());
            assertThat(f.get("value").asDouble()).as(f.get("name").asText()).isPositive();
            assertThat(f.get("unit").asText()).isIn("score", "GB/s", "MB/s");
            assertThat(f.get("samples").size()).isGreaterThanOrEqualTo(3);
        }
        assertThat(names).containsExactlyInAnyOrder("cpu_single_core_score", "cpu_multi_core_score",
                "ram_bandwidth_gbps", "disk_read_mbps", "disk_write_mbps");
        try (Stream<Path> left = Files.list(disk)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void benchRefusesNonsenseSizesAsAUsageError() {
        int exit = cli.run("bench", "--repeats", "0");

        assertThat(exit).isNotZero();
        assertThat(cli.err()).contains("repeats").doesNotContain("\tat ");
    }

    @Test
    void helpListsBench() {
        cli.run("--help");

        assertThat(cli.out()).contains("bench").contains("probe");
    }
}
