package dev.assay.agent.cli;

import dev.assay.agent.probe.HostProbe;
import dev.assay.agent.probe.HostSnapshot;
import dev.assay.agent.probe.NvmlProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code assay-agent probe}: print what this machine has, as the agent would report it. Changes nothing. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Print this machine's CPU, memory and NVIDIA GPUs as the agent sees them (read-only).")
final class ProbeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        HostSnapshot host = new HostProbe(Path.of("/proc")).probe();
        out.printf("cpu: %s (%d logical cores)%n", host.cpuModel(), host.cpuCores());
        out.printf("ram: %d MiB%n", host.ramMib());
        out.println("gpus: " + NvmlProbe.describe());
        out.flush();
    }
}
