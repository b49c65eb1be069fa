package dev.assay.api.hosts;

import dev.assay.api.json.MoneyView;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * A host as its owner (and, through the offers endpoints, a renter) sees it: the machine, its GPUs with
 * scores and figures, verification, health and reliability, the latest benchmark verdict per GPU, and the
 * offer. {@code simulated} is true on demo and test hosts: every figure of such a host is SIMULATED.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record HostDetail(String id, String name, String status, boolean simulated, String verification,
        Machine machine, List<Gpu> gpus, Health health, List<BenchmarkVerdict> latestBenchmarks, Listing offer,
        String createdAt, @Nullable Agent agent) {

    /**
     * The machine's agent while it is connected (to this instance): version, since when, when last heard, and the
     * latest heartbeat's GPU readings. Absent while no agent is connected, and for the demo fleet.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Agent(boolean connected, @Nullable String agentVersion, @Nullable String connectedAt,
            @Nullable String lastHeardAt, List<GpuReading> gpus) {}

    /** One GPU's readings from the agent's latest heartbeat (NVML, or SIMULATED on a simulated machine). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GpuReading(int index, int utilizationGpuPercent, long memoryUsedMib, int temperatureCelsius,
            double powerDrawWatts, int smClockMhz, long eccUncorrectedVolatile) {}

    /** What the machine is and where. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Machine(String tier, String region, String datacenter, String geolocation, int cpuCores,
            long ramGb, long diskGb, double diskBwMbps, double inetUpMbps, double inetDownMbps, String driverVersion,
            String cudaVersion) {}

    /** One GPU with the figures its Assay Score was computed from. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Gpu(int index, String skuId, String model, @Nullable String uuid, double vramGb,
            String computeCapability, double score, double tflopsBf16, double tflopsFp32, double memBwGbps,
            double pcieBwGbps) {}

    /** Whether the host is up and how reliable it has been (the reputation module's estimate). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Health(String status, @Nullable String lastSeenAt, double reliability, double reliabilityMean,
            @JsonProperty("uptime_1d") double uptime1d, @JsonProperty("uptime_7d") double uptime7d,
            @JsonProperty("uptime_30d") double uptime30d, @JsonProperty("host_failures_30d") int hostFailures30d) {}

    /** The latest benchmark report of one GPU and the plausibility verdict it got. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BenchmarkVerdict(int gpuIndex, String verdict, List<String> findings, double tflopsBf16,
            double tflopsFp32, double memBwGbps, double pcieBwGbps, boolean simulated, String reportedAt) {}

    /** The owner's offer; the prices are absent while unlisted. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Listing(boolean listed, @Nullable MoneyView onDemandPerGpuHour, @Nullable MoneyView minBidPerGpuHour,
            @Nullable MoneyView storagePerGbMonth, @Nullable Integer minGpusPerPod, @Nullable String availableUntil) {}

    /** The GPU model of the host (every GPU is the same). */
    public String gpuModel() {
        return gpus.isEmpty() ? "" : gpus.getFirst().skuId();
    }
}
