package dev.assay.agent;

import dev.assay.agent.cli.AgentCommand;
import picocli.CommandLine;

/** Entry point of {@code assay-agent}, the program a host runs to join the marketplace. */
public final class AgentMain {

    private AgentMain() {}

    public static void main(String[] args) {
        System.exit(AgentCommand.commandLine().execute(args));
    }
}
