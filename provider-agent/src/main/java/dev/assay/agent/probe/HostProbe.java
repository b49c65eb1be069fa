package dev.assay.agent.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
