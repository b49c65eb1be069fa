package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCommandTest {

    private final AgentRun cli = new AgentRun();

    @Test
    void helpListsTheSubcommands() {
        int exit = cli.run("--help");

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("Usage: assay-agent").contains("probe");
    }

    @Test
    void versionNamesTheContract() {
        int exit = cli.run("--version");

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("assay-agent").contains("assay.agent.v1");
    }

    @Test
    void anUnknownFlagIsAClearErrorNotAStackTrace() {
        int exit = cli.run("--gpus-please");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--gpus-please'").doesNotContain("Exception");
    }

    @Test
    void probeReportsTheMachineWithoutCrashingWhereThereIsNoGpu() {
        int exit = cli.run("probe");

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("\"host\"").contains("\"ramMib\"").contains("\"gpu\"");
    }
}
