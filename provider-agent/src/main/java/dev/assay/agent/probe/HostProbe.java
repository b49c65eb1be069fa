package dev.assay.agent.probe;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CPU and memory facts from a {@code /proc} tree. The root is a parameter so tests can point it at
 * a fixture; a missing or unreadable file yields "unknown" rather than a crash (macOS, containers).
 */
public final class HostProbe {

    private final Path proc;

    public HostProbe(Path proc) {
        this.proc = proc;
    }

    public HostSnapshot probe() {
        List<String> cpuinfo = lines("cpuinfo");
        String model = cpuinfo.stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown");
        long processors = cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        int cores = processors > 0 ? (int) processors : Runtime.getRuntime().availableProcessors();
        return new HostSnapshot(model, cores, memTotalMib(lines("meminfo")).orElse(0L));
    }

    /** Block-device filesystems (and the root, whatever backs it) with their size and free space. */
    public List<MachineInventory.Disk> disks() {
        List<MachineInventory.Disk> disks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines("mounts")) {
            String[] f = line.split(" ");
            if (f.length < 3 || !(f[0].startsWith("/dev/") || f[1].equals("/")) || !seen.add(f[0])) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(Path.of(f[1]));
                disks.add(new MachineInventory.Disk(f[0], f[1], f[2],
                        store.getTotalSpace() >> 20, store.getUsableSpace() >> 20));
            } catch (IOException | SecurityException e) {
                // an unreadable mount (permissions, a vanished bind) is left out, not fatal
            }
        }
        return List.copyOf(disks);
    }

    /** The OS as Java sees it plus the distribution's PRETTY_NAME from os-release, when present. */
    public static MachineInventory.OperatingSystem operatingSystem(Path osRelease) {
        String distribution = null;
        try {
            distribution = Files.readAllLines(osRelease).stream()
                    .filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            // no os-release (macOS, minimal images): the distribution stays unknown
        }
        return new MachineInventory.OperatingSystem(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), distribution);
    }

    static Optional<Long> memTotalMib(List<String> meminfo) {
        return meminfo.stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> l.replaceAll("[^0-9]", ""))
                .filter(s -> !s.isEmpty())
                .map(kib -> Long.parseLong(kib) / 1024)
                .findFirst();
    }

    private List<String> lines(String file) {
        try {
            return Files.readAllLines(proc.resolve(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
