package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AgentCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: assay-agent").contains("probe");
    }

    @Test
    void versionNamesTheContract() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("assay-agent").contains("assay.agent.v1");
    }

    @Test
    void anUnknownFlagIsAClearErrorNotAStackTrace() {
        int exit = run("--gpus-please");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--gpus-please'").doesNotContain("Exception");
    }

    @Test
    void probeReportsTheMachineWithoutCrashingWhereThereIsNoGpu() {
        int exit = run("probe");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("\"host\"").contains("\"ramMib\"").contains("\"gpu\"");
    }
}
