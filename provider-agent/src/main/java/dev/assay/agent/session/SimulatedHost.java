package dev.assay.agent.session;

import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.GpuTelemetry;
import dev.assay.proto.agent.v1.HostBenchmark;
import dev.assay.proto.agent.v1.Measurement;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATED GPUs: {@code count} GPUs of one catalogue SKU. Nothing here is measured: the inventory is the SKU's
 * datasheet, telemetry is plausible made-up numbers, and benchmark figures are the SKU's baseline ± 3 % noise.
 * Everything it feeds into is flagged simulated.
 */
public final class SimulatedHost implements AgentHost {

    /** Bound on the GPUs one simulated host claims (the biggest real boxes hold 8 or 16). */
    static final int MAX_GPUS = 16;
    static final double NOISE = 0.03;
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d+)\\s*[xX]\\s*(\\S+)\\s*");

    private final GpuSku sku;
    private final int count;
    private final String hostId;
    private final RandomGenerator random;

    SimulatedHost(GpuSku sku, int count, String hostId, RandomGenerator random) {
        this.sku = sku;
        this.count = count;
        this.hostId = hostId;
        this.random = random;
    }

    /**
     * Parses {@code "4x RTX_4090"} against the catalogue.
     *
     * @throws IllegalArgumentException with a message for the host owner: bad form, count or unknown SKU
     */
    public static SimulatedHost parse(String spec, SkuCatalogue catalogue, String hostId, RandomGenerator random) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("--simulate must look like \"4x RTX_4090\" (count x SKU id), was '"
                    + spec + "'");
        }
        int count = Integer.parseInt(m.group(1).length() > 3 ? "0" : m.group(1));
        if (count < 1 || count > MAX_GPUS) {
            throw new IllegalArgumentException("--simulate: the GPU count must be within 1.." + MAX_GPUS + ", was "
                    + m.group(1));
        }
        GpuSku sku = catalogue.find(m.group(2)).orElseThrow(() -> new IllegalArgumentException(
                "--simulate: unknown GPU SKU '" + m.group(2) + "'; known SKUs: "
                        + String.join(", ", catalogue.all().stream().map(GpuSku::id).toList())));
        return new SimulatedHost(sku, count, hostId, random);
    }

    public GpuSku sku() {
        return sku;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public List<GpuInventory> gpus() {
        List<GpuInventory> gpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            gpus.add(GpuInventory.newBuilder()
                    .setIndex(i)
                    .setUuid("GPU-SIMULATED-" + hostId + "-" + i)
                    .setName(sku.nvmlName())
                    .setPciDeviceId((sku.pciDeviceIds().getFirst() << 16) | 0x10DE)
                    .setPciBusId(String.format("00000000:%02X:00.0", i + 1))
                    .setMemoryTotalMib(sku.memoryMib())
                    .setMemoryBusWidthBits(sku.memoryBusWidthBits())
                    .setPowerLimitWatts(sku.tdpWatts())
                    .setDefaultPowerLimitWatts(sku.tdpWatts())
                    .setPcieLinkGeneration(sku.pcieGeneration())
                    .setPcieMaxLinkGeneration(sku.pcieGeneration())
                    .setPcieLinkWidth(16)
                    .setPcieMaxLinkWidth(16)
                    .build());
        }
        return gpus;
    }

    @Override
    public String driverVersion() {
        return "SIMULATED";
    }

    @Override
    public String cudaDriverVersion() {
        return "SIMULATED";
    }

    /** An idle-ish GPU: a little utilisation, room temperature plus some, a fraction of board power. */
    @Override
    public List<GpuTelemetry> telemetry() {
        List<GpuTelemetry> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            readings.add(GpuTelemetry.newBuilder()
                    .setIndex(i)
                    .setUtilizationGpuPercent(random.nextInt(0, 15))
                    .setUtilizationMemoryPercent(random.nextInt(0, 10))
                    .setMemoryUsedMib(random.nextLong(200, 1_500))
                    .setTemperatureCelsius(random.nextInt(32, 48))
                    .setPowerDrawMilliwatts((int) (sku.tdpWatts() * 1000L * random.nextInt(10, 25) / 100))
                    .setSmClockMhz(random.nextInt(210, 600))
                    .setMemoryClockMhz(random.nextInt(400, 1_000))
                    .build());
        }
        return readings;
    }

    @Override
    public String suiteVersion() {
        return "assay-bench/1 SIMULATED";
    }

    @Override
    public List<GpuBenchmark> benchmark(List<Integer> gpuIndices) {
        MeasuredFigures baseline = sku.expectedBaseline().figures();
        List<GpuBenchmark> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!gpuIndices.isEmpty() && !gpuIndices.contains(i)) {
                continue;
            }
            gpus.add(GpuBenchmark.newBuilder().setIndex(i)
                    .addFigures(figure(TENSOR_BF16_TFLOPS, baseline.tensorTflops(), TFLOPS))
                    .addFigures(figure(FP32_TFLOPS, baseline.fp32Tflops(), TFLOPS))
                    .addFigures(figure(MEMORY_BANDWIDTH_GBPS, baseline.memoryBandwidthGbps(), GBPS))
                    .addFigures(figure(HOST_TO_DEVICE_GBPS, baseline.hostToDeviceGbps(), GBPS))
                    // The catalogue has no device-to-host baseline; a PCIe link is about as fast both ways.
                    .addFigures(figure(DEVICE_TO_HOST_GBPS, baseline.hostToDeviceGbps(), GBPS))
                    .setNotes("SIMULATED: " + sku.id() + " baseline x (1 +/- 3 % noise), not a measurement")
                    .build());
        }
        return gpus;
    }

    /** None: this machine is not the simulated one, so its figures would be real numbers about the wrong host. */
    @Override
    public Optional<HostBenchmark> benchmarkHost() {
        return Optional.empty();
    }

    private Measurement figure(String name, double baseline, String unit) {
        double value = baseline * (1 + random.nextDouble(-NOISE, NOISE));
        return Measurement.newBuilder().setName(name).setValue(Math.round(value * 100) / 100.0).setUnit(unit)
                .setSamples(10).setRelativeSpread(0.01).build();
    }
}
