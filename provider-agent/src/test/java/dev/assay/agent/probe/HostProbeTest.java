package dev.assay.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {

    @Test
    void readsCpuModelCoresAndMemoryFromProc(@TempDir Path proc) throws IOException {
        Files.writeString(proc.resolve("cpuinfo"), """
                processor\t: 0
                model name\t: AMD EPYC 7B13 64-Core Processor
                processor\t: 1
                model name\t: AMD EPYC 7B13 64-Core Processor
                """);
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       65843200 kB\nMemFree: 1 kB\n");

        HostSnapshot host = new HostProbe(proc).probe();

        assertThat(host).isEqualTo(new HostSnapshot("AMD EPYC 7B13 64-Core Processor", 2, 64300));
    }

    @Test
    void aMissingProcTreeGivesUnknownNotACrash(@TempDir Path empty) {
        HostSnapshot host = new HostProbe(empty.resolve("nowhere")).probe();

        assertThat(host.cpuModel()).isEqualTo("unknown");
        assertThat(host.cpuCores()).isPositive();
        assertThat(host.ramMib()).isZero();
    }
}
