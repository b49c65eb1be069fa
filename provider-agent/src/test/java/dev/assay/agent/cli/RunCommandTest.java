package dev.assay.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s answers to bad flags, given before anything connects or any file is read. */
class RunCommandTest {

    @TempDir
    Path dir;

    private final AgentRun cli = new AgentRun();

    @Test
    void anUnknownSimulatedSkuIsAUsageErrorThatNamesIt() {
        int exit = cli.run("run", "--marketplace", "localhost:1", "--identity", dir.toString(),
                "--simulate", "4x NOT_A_GPU");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("unknown GPU SKU 'NOT_A_GPU'").contains("RTX_4090")
                .doesNotContain("Exception");
    }

    @Test
    void aMalformedSimulateIsAUsageError() {
        int exit = cli.run("run", "--marketplace", "localhost:1", "--identity", dir.toString(),
                "--simulate", "lots of GPUs");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("\"4x RTX_4090\"");
    }

    @Test
    void withoutAnIdentityTheAgentSaysToEnrollFirst() {
        RunCommand run = new RunCommand();
        picocli.CommandLine command = new picocli.CommandLine(run);
        run.runtimes = (name, states) -> new NoPods(name);
        java.io.StringWriter err = new java.io.StringWriter();
        command.setErr(new java.io.PrintWriter(err, true));

        int exit = command.execute("--marketplace", "localhost:1", "--identity", dir.resolve("none").toString(),
                "--simulate", "2x RTX_4090");

        assertThat(exit).isEqualTo(RunCommand.LOCAL);
        assertThat(err.toString()).contains("run enroll first");
    }

    @Test
    void helpListsRun() {
        cli.run("--help");

        assertThat(cli.out()).contains("run");
    }

    /** A runtime that is never asked to run anything in these tests. */
    private record NoPods(String name) implements dev.assay.agent.runtime.ContainerRuntime {
        @Override
        public String describe() {
            return name;
        }

        @Override
        public boolean simulated() {
            return true;
        }

        @Override
        public dev.assay.agent.runtime.StartedPod start(dev.assay.agent.runtime.PodSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(String podId, java.time.Duration grace, boolean removeVolume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Map<String, dev.assay.agent.runtime.ContainerState> pods() {
            return java.util.Map.of();
        }
    }
}
