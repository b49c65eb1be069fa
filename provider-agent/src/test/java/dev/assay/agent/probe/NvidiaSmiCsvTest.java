package dev.assay.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiCsvTest {

    /**
     * The H100 line is what nvidia-smi 580.159.04 reported for these fields on the device run of
     * 2026-11-26 (docs/benchmarks.md); the RTX 4090 line has the "[N/A]" / "[Not Supported]" cells of a
     * consumer card without ECC or MIG.
     */
    static final String CAPTURED = """
            0, NVIDIA H100 80GB HBM3, GPU-9807ab9a-543a-86fb-036f-c647b21a5a83, 00000000:00:06.0, 0x233010DE, \
            0x16C110DE, 81559, 0, 5, 5, 16, 16, 700.00, 52, 345, 2619, 1980, 2619, Enabled, 0, 0, 0, 0, [N/A], [N/A], \
            0x0000000000000001, 9.0, Disabled, 580.159.04
            1, NVIDIA GeForce RTX 4090, GPU-1c2d3e4f-0000-1111-2222-333344445555, 00000000:41:00.0, 0x268410DE, \
            0x16F310DE, 24564, 1020, 1, 4, 16, 16, 450.00, 38, 210, 405, 3120, 10501, [N/A], [N/A], [N/A], [N/A], \
            [N/A], [N/A], [N/A], 0x0000000000000005, 8.9, [N/A], 580.159.04
            """;

    @Test
    void readsEveryFieldOfADataCentreGpu() {
        GpuFacts h100 = NvidiaSmiCsv.parse(CAPTURED).getFirst();

        assertThat(h100.index()).isZero();
        assertThat(h100.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(h100.uuid()).isEqualTo("GPU-9807ab9a-543a-86fb-036f-c647b21a5a83");
        assertThat(h100.pci()).isEqualTo(new GpuFacts.Pci("00000000:00:06.0", "0x233010DE", "0x16C110DE"));
        assertThat(h100.memory()).isEqualTo(new GpuFacts.Memory(81559L, 0L, null));
        assertThat(h100.pcie()).isEqualTo(new GpuFacts.PcieLink(5, 5, 16, 16));
        assertThat(h100.powerLimitWatts()).isEqualTo(700.0);
        assertThat(h100.temperatureCelsius()).isEqualTo(52);
        assertThat(h100.clocks()).isEqualTo(new GpuFacts.Clocks(345, 2619, 1980, 2619));
        assertThat(h100.ecc()).isEqualTo(new GpuFacts.Ecc(true, 0L, 0L, 0L, 0L));
        assertThat(h100.memoryRetirement()).isNull();
        assertThat(h100.clocksEventReasons()).containsExactly("GpuIdle");
        assertThat(h100.computeCapability()).isEqualTo("9.0");
        assertThat(h100.migMode()).isEqualTo("disabled");
        assertThat(h100.notes()).isEmpty();
        assertThat(NvidiaSmiCsv.driverVersion(CAPTURED)).isEqualTo("580.159.04");
    }

    @Test
    void notAvailableCellsAreAbsentFactsNotZeros() {
        GpuFacts rtx = NvidiaSmiCsv.parse(CAPTURED).get(1);

        assertThat(rtx.index()).isEqualTo(1);
        assertThat(rtx.ecc()).isNull();
        assertThat(rtx.memoryRetirement()).isNull();
        assertThat(rtx.migMode()).isNull();
        assertThat(rtx.pcie()).isEqualTo(new GpuFacts.PcieLink(1, 4, 16, 16));
        assertThat(rtx.clocksEventReasons()).containsExactly("GpuIdle", "SwPowerCap");
        assertThat(rtx.notes()).isEmpty();
    }

    @Test
    void aGarbledCellBecomesANoteNotAnException() {
        String line = CAPTURED.lines().findFirst().orElseThrow().replace(", 52, 345,", ", hot, 345,");

        GpuFacts gpu = NvidiaSmiCsv.parse(line).getFirst();

        assertThat(gpu.temperatureCelsius()).isNull();
        assertThat(gpu.notes()).containsExactly("temperature.gpu: not a number: hot");
        assertThat(gpu.name()).isEqualTo("NVIDIA H100 80GB HBM3");
    }

    @Test
    void aLineWithMissingFieldsSaysSo() {
        GpuFacts gpu = NvidiaSmiCsv.parse("0, NVIDIA A100-SXM4-80GB, GPU-x").getFirst();

        assertThat(gpu.name()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(gpu.memory().totalMib()).isNull();
        assertThat(gpu.notes()).containsExactly(
                "nvidia-smi line has 3 fields, expected " + NvidiaSmiCsv.FIELDS.size());
    }

    @Test
    void theFallbackRunsNvidiaSmiAndParsesItsOutput(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("nvidia-smi");
        Path csv = dir.resolve("out.csv");
        Files.writeString(csv, CAPTURED);
        Files.writeString(fake, "#!/bin/sh\ncase \"$1\" in --query-gpu=index,name,*) cat '" + csv + "';; *) exit 9;; esac\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        GpuInventory inventory = GpuProbe.auto("libnvidia-ml-absent.so.1", fake.toString());

        assertThat(inventory.source()).isEqualTo("nvidia-smi");
        assertThat(inventory.driverVersion()).isEqualTo("580.159.04");
        assertThat(inventory.gpus()).extracting(GpuFacts::name)
                .isEqualTo(List.of("NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 4090"));
        assertThat(inventory.message()).isNull();
    }

    @Test
    void aFailingNvidiaSmiIsNoGpuWithItsMessage(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver.'\nexit 9\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        GpuInventory inventory = GpuProbe.auto("libnvidia-ml-absent.so.1", fake.toString());

        assertThat(inventory.source()).isEqualTo("none");
        assertThat(inventory.gpus()).isEmpty();
        assertThat(inventory.message()).startsWith("no NVIDIA GPU found: nvidia-smi exited with 9: NVIDIA-SMI has failed");
    }
}
