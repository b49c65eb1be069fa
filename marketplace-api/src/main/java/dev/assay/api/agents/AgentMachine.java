package dev.assay.api.agents;

import dev.assay.api.hosts.GpuSpec;
import dev.assay.api.hosts.HostPlacement;
import dev.assay.api.hosts.MachineSpec;
import dev.assay.proto.agent.v1.BenchmarkReport;
import dev.assay.proto.agent.v1.Disk;
import dev.assay.proto.agent.v1.GpuBenchmark;
import dev.assay.proto.agent.v1.GpuInventory;
import dev.assay.proto.agent.v1.Hello;
import dev.assay.proto.agent.v1.Measurement;
import dev.assay.reputation.plausibility.NvmlFacts;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A machine as its agent describes it: Hello's facts plus a benchmark report's figures, read into what the host
 * registry stores. Only the figures the Assay Score needs are required of every GPU; anything missing or
 * malformed is collected, field by field, into {@link Unreadable}, and nothing is written.
 */
final class AgentMachine {

    static final String TENSOR = "tensor_bf16_tflops";
    static final String MEMORY_BANDWIDTH = "memory_bandwidth_gbps";
    static final String FP32 = "fp32_tflops";
    static final String HOST_TO_DEVICE = "host_to_device_gbps";

    /** What an agent sent cannot be read into a machine; {@code getMessage()} names every problem. */
    static final class Unreadable extends Exception {
        Unreadable(Map<String, String> problems) {
            super(String.join("; ", problems.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
    }

    private AgentMachine() {}

    /** The figures of GPU {@code index} in the report. */
    static MeasuredFigures figures(BenchmarkReport report, int index) throws Unreadable {
        Map<String, String> problems = new LinkedHashMap<>();
        MeasuredFigures figures = figures(report, index, problems);
        if (!problems.isEmpty()) {
            throw new Unreadable(problems);
        }
        return figures;
    }

    /** The machine to register: owner's placement, Hello's facts, the report's figures. */
    static MachineSpec spec(String hostId, HostPlacement placement, Hello hello, BenchmarkReport report)
            throws Unreadable {
        Map<String, String> problems = new LinkedHashMap<>();
        if (hello.getGpusCount() == 0) {
            problems.put("hello.gpus", "a machine joins with at least one GPU");
        }
        List<GpuSpec> gpus = new ArrayList<>();
        for (GpuInventory gpu : hello.getGpusList()) {
            MeasuredFigures measured = figures(report, gpu.getIndex(), problems);
            gpus.add(new GpuSpec(gpu.getName(), gpu.getUuid().isBlank() ? Optional.empty() : Optional.of(gpu.getUuid()),
                    gpu.getMemoryTotalMib() / 1024.0, measured));
        }
        if (!problems.isEmpty()) {
            throw new Unreadable(problems);
        }
        var host = hello.getHost();
        String name = !placement.name().isEmpty() ? placement.name()
                : host.getHostname().isBlank() ? hostId : host.getHostname();
        long diskMib = host.getDisksList().stream().mapToLong(Disk::getTotalMib).sum();
        return new MachineSpec(name.length() > 100 ? name.substring(0, 100) : name, placement.tier(),
                placement.region(), placement.datacenter(), placement.geolocation(), host.getCpuCores(),
                Math.max(1, Math.round(host.getRamMib() / 1024.0)), diskMib / 1024,
                hostFigure(report, "disk_read_mbps").orElse(0), hostFigure(report, "network_up_mbps").orElse(0),
                hostFigure(report, "network_down_mbps").orElse(0),
                orSimulated(host.getDriverVersion(), "0", hello.getSimulated()),
                orSimulated(host.getCudaDriverVersion(), "0.0", hello.getSimulated()), gpus, hello.getSimulated());
    }

    /**
     * What NVML says of the GPU, for the plausibility check. A SIMULATED agent may leave the PCI facts out: they
     * are then the claimed SKU's (there is no hardware to read them from).
     */
    static NvmlFacts facts(GpuInventory gpu, GpuSku claimed, boolean simulated) throws Unreadable {
        int device = gpu.getPciDeviceId() == 0 ? 0 : gpu.getPciDeviceId() >>> 16;
        int busWidth = gpu.getMemoryBusWidthBits();
        long memoryMib = gpu.getMemoryTotalMib();
        if (simulated) {
            device = device == 0 ? claimed.pciDeviceIds().getFirst() : device;
            busWidth = busWidth == 0 ? claimed.memoryBusWidthBits() : busWidth;
            memoryMib = memoryMib == 0 ? claimed.memoryMib() : memoryMib;
        }
        try {
            return new NvmlFacts(gpu.getName(), device, memoryMib, busWidth);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(Map.of("hello.gpus[" + gpu.getIndex() + "]", e.getMessage()));
        }
    }

    /** The SKU Hello's GPU names resolve to, or a problem naming the first GPU the catalogue does not know. */
    static GpuSku sku(Hello hello, SkuCatalogue catalogue) throws Unreadable {
        if (hello.getGpusCount() == 0) {
            throw new Unreadable(Map.of("hello.gpus", "a machine joins with at least one GPU"));
        }
        String name = hello.getGpus(0).getName();
        return catalogue.find(name).orElseThrow(() -> new Unreadable(Map.of("hello.gpus[0].name",
                "\"" + printable(name) + "\" is not a GPU the catalogue knows")));
    }

    private static MeasuredFigures figures(BenchmarkReport report, int index, Map<String, String> problems) {
        GpuBenchmark gpu = report.getGpusList().stream().filter(g -> g.getIndex() == index).findFirst().orElse(null);
        String where = "report.gpus[" + index + "]";
        if (gpu == null) {
            problems.put(where, "missing: every GPU Hello listed needs its figures");
            return null;
        }
        double[] values = new double[4];
        String[] names = {TENSOR, MEMORY_BANDWIDTH, FP32, HOST_TO_DEVICE};
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            OptionalDouble value = gpu.getFiguresList().stream().filter(m -> m.getName().equals(name))
                    .mapToDouble(Measurement::getValue).findFirst();
            if (value.isEmpty()) {
                problems.put(where + "." + name, "missing");
            } else if (!(value.getAsDouble() > 0 && value.getAsDouble() <= MeasuredFigures.MAX_FIGURE)) {
                problems.put(where + "." + name, "must be a finite number above 0, was " + value.getAsDouble());
            } else {
                values[i] = value.getAsDouble();
            }
        }
        if (problems.keySet().stream().anyMatch(k -> k.startsWith(where))) {
            return null;
        }
        return new MeasuredFigures(values[0], values[1], values[2], values[3]);
    }

    private static OptionalDouble hostFigure(BenchmarkReport report, String name) {
        return report.getHost().getFiguresList().stream().filter(m -> m.getName().equals(name))
                .mapToDouble(Measurement::getValue).filter(v -> v >= 0 && v <= 1.0e7).findFirst();
    }

    /** A SIMULATED machine has no driver: it says so ("SIMULATED", or nothing), and is stored as version 0. */
    private static String orSimulated(String value, String simulatedDefault, boolean simulated) {
        return simulated && !value.matches("[0-9]{1,4}(\\.[0-9]{1,4}){0,3}") ? simulatedDefault : value;
    }

    static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7E]", "?").replace('"', '\'');
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }
}
