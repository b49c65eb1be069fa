package dev.assay.agent.session;

import dev.assay.agent.bench.BenchOptions;
import dev.assay.agent.bench.BenchReport;
import dev.assay.agent.bench.BenchSuite;
import dev.assay.agent.bench.Figure;
import dev.assay.agent.bench.NoCudaDriver;
import dev.assay.agent.bench.host.HostBenchOptions;
import dev.assay.agent.bench.host.HostBenchReport;
import dev.assay.agent.bench.host.HostBenchSuite;
import dev.assay.agent.bench.host.HostFigure;
import dev.assay.agent.probe.GpuFacts;
import dev.assay.agent.probe.GpuProbe;
import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.GpuTelemetry;
import dev.assay.proto.agent.v1.HostBenchmark;
import dev.assay.proto.agent.v1.Measurement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's real GPUs: the inventory NVML (or nvidia-smi) gave at start, telemetry from NVML when it can be
 * bound (none otherwise: nvidia-smi per heartbeat would cost a process each time), figures from
 * {@link BenchSuite}, one GPU at a time, and host figures from {@link HostBenchSuite}.
 */
public final class RealHost implements AgentHost {

    private static final Logger LOG = LoggerFactory.getLogger(RealHost.class);

    /**
     * BenchSuite's figure names → the contract's. Units already agree: the copy counts bytes read + written (what
     * the datasheet's DRAM bandwidth means), host transfers count one direction, throughput is FLOP/s × 10¹².
     * int8_tensor_throughput and triad_bandwidth have no contract name and stay local.
     */
    static final Map<String, String> FIGURE_NAMES = Map.of(
            "bf16_tensor_throughput", TENSOR_BF16_TFLOPS,
            "fp32_fma_throughput", FP32_TFLOPS,
            "d2d_copy_bandwidth", MEMORY_BANDWIDTH_GBPS,
            "h2d_pinned_bandwidth", HOST_TO_DEVICE_GBPS,
            "d2h_pinned_bandwidth", DEVICE_TO_HOST_GBPS);

    private final dev.assay.agent.probe.GpuInventory inventory;
    private final Supplier<dev.assay.agent.probe.GpuInventory> readings;
    private final String agentVersion;
    private final HostBenchOptions hostBench;

    RealHost(dev.assay.agent.probe.GpuInventory inventory,
            Supplier<dev.assay.agent.probe.GpuInventory> readings, String agentVersion, HostBenchOptions hostBench) {
        this.inventory = inventory;
        this.readings = readings;
        this.agentVersion = agentVersion;
        this.hostBench = hostBench;
    }

    /**
     * Probes this machine's GPUs once (NVML, else nvidia-smi). The host's disk figures are measured with a
     * temporary file in {@code diskDirectory} (the agent's state directory: the disk the agent and its pods use).
     */
    public static RealHost probe(String agentVersion, Path diskDirectory) {
        dev.assay.agent.probe.GpuInventory found = GpuProbe.AUTO.probe();
        Supplier<dev.assay.agent.probe.GpuInventory> readings = "nvml".equals(found.source())
                ? GpuProbe.NVML::probe : () -> dev.assay.agent.probe.GpuInventory.none("telemetry needs NVML");
        return new RealHost(found, readings, agentVersion, HostBenchOptions.standard(diskDirectory));
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public List<GpuInventory> gpus() {
        return inventory.gpus().stream().map(RealHost::toProto).toList();
    }

    @Override
    public String driverVersion() {
        return Optional.ofNullable(inventory.driverVersion()).orElse("");
    }

    @Override
    public String cudaDriverVersion() {
        return Optional.ofNullable(inventory.cudaDriverVersion()).orElse("");
    }

    @Override
    public List<GpuTelemetry> telemetry() {
        if (inventory.gpus().isEmpty()) {
            return List.of();
        }
        List<GpuTelemetry> out = new ArrayList<>();
        for (GpuFacts g : readings.get().gpus()) {
            GpuTelemetry.Builder t = GpuTelemetry.newBuilder().setIndex(g.index());
            if (g.memory() != null && g.memory().usedMib() != null) {
                t.setMemoryUsedMib(g.memory().usedMib());
            }
            if (g.temperatureCelsius() != null) {
                t.setTemperatureCelsius(g.temperatureCelsius());
            }
            if (g.clocks() != null) {
                t.setSmClockMhz(orZero(g.clocks().smMhz())).setMemoryClockMhz(orZero(g.clocks().memoryMhz()));
            }
            if (g.ecc() != null) {
                t.setEccCorrectedVolatile(orZero(g.ecc().correctedVolatile()))
                        .setEccUncorrectedVolatile(orZero(g.ecc().uncorrectedVolatile()));
            }
            out.add(t.build());
        }
        return out;
    }

    /** Both suites: a real host's report carries GPU and host figures. */
    @Override
    public String suiteVersion() {
        return BenchSuite.VERSION + " + " + HostBenchSuite.VERSION;
    }

    /**
     * One suite run per GPU, in turn (runs side by side would share the PCIe root and host memory). The CUDA
     * ordinal is taken to be the NVML index, which holds when CUDA_DEVICE_ORDER=PCI_BUS_ID is set for the agent.
     */
    @Override
    public List<GpuBenchmark> benchmark(List<Integer> gpuIndices) {
        List<GpuBenchmark> gpus = new ArrayList<>();
        for (GpuFacts gpu : inventory.gpus()) {
            if (!gpuIndices.isEmpty() && !gpuIndices.contains(gpu.index())) {
                continue;
            }
            GpuBenchmark.Builder b = GpuBenchmark.newBuilder().setIndex(gpu.index());
            try {
                BenchReport report = BenchSuite.run(new BenchOptions(gpu.index(), 1024, 256, 3, 10, null), agentVersion);
                gpus.add(toProto(b, report));
            } catch (NoCudaDriver e) {
                gpus.add(b.setNotes(e.getMessage()).build());
            }
        }
        return gpus;
    }

    /** The host suite's figures under their contract names (the suite already uses them), medians with spread. */
    @Override
    public Optional<HostBenchmark> benchmarkHost() {
        HostBenchReport report;
        try {
            report = HostBenchSuite.run(hostBench);
        } catch (RuntimeException e) { // the GPU figures still go out, without host figures
            LOG.error("event=host_benchmark_failed", e);
            return Optional.empty();
        }
        LOG.info("event=host_benchmark suite={} figures={} notes=\"{}\" errors=\"{}\"", report.suiteVersion(),
                report.figures().size(), String.join("; ", report.notes()), String.join("; ", report.errors()));
        return Optional.of(toProto(report));
    }

    static HostBenchmark toProto(HostBenchReport report) {
        HostBenchmark.Builder host = HostBenchmark.newBuilder();
        for (HostFigure f : report.figures()) {
            host.addFigures(Measurement.newBuilder().setName(f.name()).setValue(f.value()).setUnit(f.unit())
                    .setSamples(f.samples().size()).setRelativeSpread(f.relativeSpread()));
        }
        return host.build();
    }

    static GpuBenchmark toProto(GpuBenchmark.Builder gpu, BenchReport report) {
        for (Figure f : report.figures()) {
            String name = FIGURE_NAMES.get(f.name());
            if (name != null) {
                // BenchSuite keeps the best and the median of its repeats, not their spread: relative_spread
                // stays unset (0) rather than a number that is not a standard deviation.
                gpu.addFigures(Measurement.newBuilder().setName(name).setValue(f.best()).setUnit(f.unit())
                        .setSamples(f.repeats()));
            }
        }
        List<String> missing = FIGURE_NAMES.values().stream()
                .filter(n -> gpu.getFiguresList().stream().noneMatch(m -> m.getName().equals(n))).sorted().toList();
        List<String> notes = new ArrayList<>(report.errors());
        if (!missing.isEmpty()) {
            notes.addFirst("not measured: " + String.join(", ", missing));
        }
        return gpu.setNotes(String.join("; ", notes)).build();
    }

    static GpuInventory toProto(GpuFacts g) {
        GpuInventory.Builder b = GpuInventory.newBuilder().setIndex(g.index());
        Optional.ofNullable(g.uuid()).ifPresent(b::setUuid);
        Optional.ofNullable(g.name()).ifPresent(b::setName);
        if (g.pci() != null) {
            b.setPciDeviceId(hex(g.pci().deviceId())).setPciSubsystemId(hex(g.pci().subsystemId()));
            Optional.ofNullable(g.pci().busId()).ifPresent(b::setPciBusId);
        }
        if (g.memory() != null) {
            b.setMemoryTotalMib(orZero(g.memory().totalMib())).setMemoryBusWidthBits(orZero(g.memory().busWidthBits()));
        }
        if (g.computeCapability() != null && g.computeCapability().matches("\\d+\\.\\d+")) {
            String[] parts = g.computeCapability().split("\\.");
            b.setComputeCapabilityMajor(Integer.parseInt(parts[0])).setComputeCapabilityMinor(Integer.parseInt(parts[1]));
        }
        if (g.clocks() != null) {
            b.setMaxSmClockMhz(orZero(g.clocks().smMaxMhz())).setMaxMemoryClockMhz(orZero(g.clocks().memoryMaxMhz()));
        }
        if (g.powerLimitWatts() != null) {
            b.setPowerLimitWatts((int) Math.round(g.powerLimitWatts()));
        }
        if (g.pcie() != null) {
            b.setPcieLinkGeneration(orZero(g.pcie().generationCurrent()))
                    .setPcieMaxLinkGeneration(orZero(g.pcie().generationMax()))
                    .setPcieLinkWidth(orZero(g.pcie().widthCurrent()))
                    .setPcieMaxLinkWidth(orZero(g.pcie().widthMax()));
        }
        if (g.ecc() != null && g.ecc().enabled() != null) {
            b.setEccEnabled(g.ecc().enabled());
        }
        return b.build();
    }

    /** "0x268410DE" → the 32-bit value; anything else (absent, garbled) → 0, which the contract reads as unknown. */
    static int hex(String value) {
        if (value == null || !value.matches("0[xX][0-9a-fA-F]{1,8}")) {
            return 0;
        }
        return Integer.parseUnsignedInt(value.substring(2), 16);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
