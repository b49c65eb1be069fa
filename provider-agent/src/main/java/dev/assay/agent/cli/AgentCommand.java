package dev.assay.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code assay-agent} command; each capability is a subcommand. */
@Command(
        name = "assay-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentVersion.class,
        description = "The Assay provider agent: measures this machine's GPUs, reports capacity to the "
                + "marketplace over gRPC with mutual TLS, and runs renters' pods.",
        subcommands = {ProbeCommand.class, BenchCommand.class, EnrollCommand.class, RunCommand.class,
                CommandLine.HelpCommand.class})
public final class AgentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A configured command line: bad flags print one clear line and the usage, never a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
