package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.agent.json.AgentJson;
import org.junit.jupiter.api.Test;

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
