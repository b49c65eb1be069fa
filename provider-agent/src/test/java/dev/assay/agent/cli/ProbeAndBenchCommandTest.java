package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.agent.json.AgentJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs on the test machine, which has no NVIDIA driver: the GPU paths are exercised on the device run. */
class ProbeAndBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void probePrintsTheInventoryAsJson() throws Exception {
        int exit = run("probe");

        assertThat(exit).isZero();
        JsonNode json = AgentJson.mapper().readTree(out.toString());
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
        int exit = run("probe", "--gpu-source", "nvidia_smi");

        assertThat(exit).isZero();
        assertThat(AgentJson.mapper().readTree(out.toString()).get("gpu").get("message").asText())
                .isEqualTo("no NVIDIA GPU found: nvidia-smi can't be run");
    }

    @Test
    void benchWithoutACudaDriverIsAClearErrorWithoutAStackTrace() {
        int exit = run("bench");

        assertThat(exit).isEqualTo(BenchCommand.NO_CUDA);
        assertThat(err.toString().strip())
                .isEqualTo("assay-agent bench: no CUDA driver: libcuda.so.1 not found on this machine");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void benchRefusesNonsenseSizesAsAUsageError() {
        int exit = run("bench", "--repeats", "0");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("repeats").doesNotContain("\tat ");
    }

    @Test
    void helpListsBench() {
        run("--help");

        assertThat(out.toString()).contains("bench").contains("probe");
    }
}
