package dev.assay.agent.session;

import dev.assay.agent.probe.HostProbe;
import dev.assay.agent.probe.HostSnapshot;
import dev.assay.agent.probe.MachineInventory;
import dev.assay.proto.agent.v1.Disk;
import dev.assay.proto.agent.v1.HostFacts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;

/** Hello's facts about the machine other than its GPUs, from /proc, os-release and the JDK. Real even when GPUs are SIMULATED. */
public final class HostFactsReader {

    private HostFactsReader() {}

    static HostFacts read(AgentHost gpus, String containerRuntime) {
        HostProbe probe = new HostProbe(Path.of("/proc"));
        HostSnapshot host = probe.probe();
        MachineInventory.OperatingSystem os = HostProbe.operatingSystem(Path.of("/etc/os-release"));
        HostFacts.Builder facts = HostFacts.newBuilder()
                .setHostname(hostname())
                .setOs(Optional.ofNullable(os.distribution()).orElse(String.valueOf(os.name())))
                .setKernel(String.valueOf(os.version()))
                .setCpuModel(host.cpuModel())
                .setCpuCores(host.cpuCores())
                .setRamMib(host.ramMib())
                .setDriverVersion(gpus.driverVersion())
                .setCudaDriverVersion(gpus.cudaDriverVersion())
                .setContainerRuntime(containerRuntime);
        for (MachineInventory.Disk disk : probe.disks()) {
            facts.addDisks(Disk.newBuilder().setMountPoint(disk.mountPoint()).setTotalMib(disk.totalMib())
                    .setFreeMib(disk.freeMib()).setKind("unknown"));
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isLoopback() && nic.isUp()) {
                    facts.addNics(dev.assay.proto.agent.v1.NetworkInterface.newBuilder().setName(nic.getName())
                            .setLinkSpeedMbps(linkSpeedMbps(nic.getName())));
                }
            }
        } catch (SocketException e) {
            // no interface list (a locked-down container): Hello goes without NICs
        }
        return facts.build();
    }

    /** The kernel's idea of the link speed; -1 (virtual links) and unreadable files mean unknown (0). */
    private static int linkSpeedMbps(String nic) {
        try {
            int speed = Integer.parseInt(Files.readString(Path.of("/sys/class/net", nic, "speed")).strip());
            return Math.max(speed, 0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** This machine's hostname, "unknown" when it cannot be read. */
    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
