package dev.assay.agent.probe;

import java.util.List;

/** Everything {@code assay-agent probe} reports: the host, its OS and disks, and its GPUs. */
public record MachineInventory(
        String agentVersion, HostSnapshot host, OperatingSystem os, List<Disk> disks, GpuInventory gpu) {

    public record OperatingSystem(String name, String version, String arch, String distribution) {}

    public record Disk(String device, String mountPoint, String type, long totalMib, long freeMib) {}
}
