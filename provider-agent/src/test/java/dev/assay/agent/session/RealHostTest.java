package dev.assay.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.agent.bench.BenchReport;
import dev.assay.agent.bench.Figure;
import dev.assay.agent.bench.host.HostBenchReport;
import dev.assay.agent.bench.host.HostFigure;
import dev.assay.agent.probe.GpuFacts;
import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.HostBenchmark;
import dev.assay.proto.agent.v1.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the real host's NVML facts and BenchSuite figures become the contract's messages (no GPU needed). */
class RealHostTest {

    @Test
    void benchSuiteFiguresTakeTheContractsNamesAndUnits() {
        BenchReport report = new BenchReport("assay-bench/1", "t", "NVIDIA H100 80GB HBM3", "9.0", 132, "12.4", List.of(
                new Figure("d2d_copy_bandwidth", 2900, 2850, "GB/s", 10, "copy", false),
                new Figure("h2d_pinned_bandwidth", 55, 54, "GB/s", 10, "h2d", false),
                new Figure("d2h_pinned_bandwidth", 53, 52, "GB/s", 10, "d2h", false),
                new Figure("triad_bandwidth", 3000, 2990, "GB/s", 10, "triad", false),
                new Figure("fp32_fma_throughput", 60, 59, "TFLOP/s", 10, "fma", false)),
                List.of(), List.of("mma_bf16: kernel failed"));

        GpuBenchmark gpu = RealHost.toProto(GpuBenchmark.newBuilder().setIndex(0), report);

        assertThat(gpu.getFiguresList()).extracting(Measurement::getName).containsExactly("memory_bandwidth_gbps",
                "host_to_device_gbps", "device_to_host_gbps", "fp32_tflops");
        assertThat(gpu.getFigures(0).getValue()).isEqualTo(2900);
        assertThat(gpu.getFigures(3).getUnit()).isEqualTo("TFLOP/s");
        assertThat(gpu.getNotes()).contains("not measured: tensor_bf16_tflops").contains("mma_bf16: kernel failed");
    }

    @Test
    void hostFiguresAreMediansWithSampleCountAndSpread() {
        HostBenchReport report = new HostBenchReport("assay-hostbench/1", "cpu", 2, List.of(
                new HostFigure("disk_write_mbps", 900, "MB/s", List.of(800.0, 900.0, 1000.0), 0.09, "write")),
                List.of(), List.of("ram: cannot allocate"));

        HostBenchmark host = RealHost.toProto(report);

        assertThat(host.getFiguresList()).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo("disk_write_mbps");
            assertThat(m.getValue()).isEqualTo(900);
            assertThat(m.getUnit()).isEqualTo("MB/s");
            assertThat(m.getSamples()).isEqualTo(3);
            assertThat(m.getRelativeSpread()).isEqualTo(0.09);
        });
    }

    @Test
    void nvmlFactsFillTheInventory() {
        GpuFacts facts = new GpuFacts(1, "NVIDIA GeForce RTX 4090", "GPU-abc", new GpuFacts.Pci("00000000:01:00.0",
                "0x268410DE", "0x16F310DE"), new GpuFacts.Memory(24_564L, 300L, 384), new GpuFacts.PcieLink(4, 4, 16, 16),
                450.0, 40, new GpuFacts.Clocks(210, 405, 3120, 10501), null, null, List.of(), "8.9", null, List.of());

        GpuInventory gpu = RealHost.toProto(facts);

        assertThat(gpu.getPciDeviceId()).isEqualTo(0x268410DE);
        assertThat(gpu.getComputeCapabilityMajor()).isEqualTo(8);
        assertThat(gpu.getComputeCapabilityMinor()).isEqualTo(9);
        assertThat(gpu.getMemoryTotalMib()).isEqualTo(24_564);
        assertThat(gpu.getMaxSmClockMhz()).isEqualTo(3120);
        assertThat(gpu.getPowerLimitWatts()).isEqualTo(450);
        assertThat(gpu.getUuid()).isEqualTo("GPU-abc");
    }
}
