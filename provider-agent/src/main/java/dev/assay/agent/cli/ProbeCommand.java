package dev.assay.agent.cli;

import dev.assay.agent.json.AgentJson;
import dev.assay.agent.probe.GpuProbe;
import dev.assay.agent.probe.HostProbe;
import dev.assay.agent.probe.MachineInventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code assay-agent probe}: print what this machine has, as JSON, as the agent would report it. Changes nothing. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Print this machine's CPU, memory, disks, OS and NVIDIA GPUs as JSON (read-only).")
final class ProbeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--gpu-source", defaultValue = "AUTO",
            description = "Where GPU facts come from: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: NVML, "
                    + "else nvidia-smi).")
    GpuProbe gpuSource;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        HostProbe host = new HostProbe(Path.of("/proc"));
        MachineInventory inventory = new MachineInventory(AgentVersion.current(), host.probe(),
                HostProbe.operatingSystem(Path.of("/etc/os-release")), host.disks(), gpuSource.probe());
        out.println(AgentJson.write(inventory));
        out.flush();
    }
}
