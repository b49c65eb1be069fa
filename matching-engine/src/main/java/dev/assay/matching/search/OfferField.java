package dev.assay.matching.search;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.VerificationState;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields a renter can filter and sort offers by, with their unit and meaning. Names are the ones GPU
 * renters already type elsewhere ({@code gpu_ram>=24 num_gpus>=2}). Per-GPU figures are per GPU; offer
 * figures (num_gpus, price, value) are of the offer as sized for the query.
 */
public enum OfferField {
    GPU_NAME("gpu_name", Kind.TEXT, "", "GPU model, e.g. RTX_4090 or H100_SXM (underscores stand for spaces)"),
    NUM_GPUS("num_gpus", Kind.NUMBER, "GPUs", "GPUs in the offer"),
    GPU_RAM("gpu_ram", Kind.NUMBER, "GB", "memory per GPU"),
    SCORE("score", Kind.NUMBER, "", "Assay Score per GPU (reference GPU = 100)"),
    VALUE("value", Kind.NUMBER, "score/$h", "Assay Score × GPUs ÷ all-in dollars per hour"),
    PRICE("price", Kind.NUMBER, "$/h", "all-in on-demand price of the offer per hour"),
    MIN_BID("min_bid", Kind.NUMBER, "$/GPU-h", "lowest interruptible bid the host accepts"),
    RELIABILITY("reliability", Kind.NUMBER, "0..1", "conservative lower bound of the host's reliability"),
    VERIFIED("verified", Kind.BOOLEAN, "", "the host passed its proof-of-GPU challenge"),
    TIER("tier", Kind.TEXT, "", "secure (datacenter) or community"),
    REGION("region", Kind.TEXT, "", "marketplace region, e.g. eu-central"),
    DATACENTER("datacenter", Kind.TEXT, "", "datacenter name (secure tier)"),
    GEOLOCATION("geolocation", Kind.TEXT, "", "ISO country code, e.g. US"),
    CUDA_VERSION("cuda_version", Kind.VERSION, "", "highest CUDA version the host's driver runs"),
    DRIVER_VERSION("driver_version", Kind.VERSION, "", "NVIDIA driver version"),
    COMPUTE_CAP("compute_cap", Kind.VERSION, "", "CUDA compute capability, e.g. 8.9"),
    TFLOPS_BF16("tflops_bf16", Kind.NUMBER, "TFLOPS", "measured dense BF16 tensor throughput per GPU"),
    TFLOPS_FP32("tflops_fp32", Kind.NUMBER, "TFLOPS", "measured FP32 throughput per GPU"),
    MEM_BW("mem_bw", Kind.NUMBER, "GB/s", "measured memory bandwidth per GPU"),
    PCIE_BW("pcie_bw", Kind.NUMBER, "GB/s", "measured host-to-device bandwidth per GPU"),
    CPU_CORES("cpu_cores", Kind.NUMBER, "cores", "free CPU cores on the host"),
    CPU_RAM("cpu_ram", Kind.NUMBER, "GB", "free host memory"),
    DISK_SPACE("disk_space", Kind.NUMBER, "GB", "free disk for the pod's volume"),
    DISK_BW("disk_bw", Kind.NUMBER, "MB/s", "measured disk bandwidth"),
    INET_UP("inet_up", Kind.NUMBER, "Mbit/s", "measured upload bandwidth"),
    INET_DOWN("inet_down", Kind.NUMBER, "Mbit/s", "measured download bandwidth"),
    UPTIME_30D("uptime_30d", Kind.NUMBER, "0..1", "share of the last 30 days the host was reachable");

    /** How a field's values are read and compared. */
    public enum Kind {
        /** Decimal numbers; all six comparisons. */
        NUMBER,
        /** Dotted versions compared part by part (12.10 > 12.4); all six comparisons. */
        VERSION,
        /** Text compared ignoring case; = != in notin. */
        TEXT,
        /** true or false; = != . */
        BOOLEAN
    }

    private static final Map<String, OfferField> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(OfferField::fieldName, Function.identity()));

    private final String fieldName;
    private final Kind kind;
    private final String unit;
    private final String meaning;

    OfferField(String fieldName, Kind kind, String unit, String meaning) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.unit = unit;
        this.meaning = meaning;
    }

    public static Optional<OfferField> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public String fieldName() {
        return fieldName;
    }

    public Kind kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the field's reading depends on how many GPUs the offer gives (num_gpus, price, value). */
    boolean dependsOnOfferSize() {
        return this == NUM_GPUS || this == PRICE || this == VALUE;
    }

    /** Numeric reading of a NUMBER, VERSION or BOOLEAN field for one candidate offer. */
    double number(Candidate c) {
        Host h = c.host;
        return switch (this) {
            case NUM_GPUS -> c.gpuCount;
            case GPU_RAM -> h.vramGbPerGpu();
            case SCORE -> h.scorePerGpu();
            case VALUE -> c.value();
            case PRICE -> c.pricePerHourMicros() / 1_000_000.0;
            case MIN_BID -> h.offer().orElseThrow().minimumBidPerGpuHour().micros() / 1_000_000.0;
            case RELIABILITY -> h.reliability();
            case VERIFIED -> h.verification() == VerificationState.VERIFIED ? 1 : 0;
            case CUDA_VERSION -> Versions.encode(h.cudaVersion());
            case DRIVER_VERSION -> Versions.encode(h.driverVersion());
            case COMPUTE_CAP -> Versions.encode(h.gpus().getFirst().computeCapability());
            case TFLOPS_BF16 -> h.gpus().getFirst().tflopsBf16();
            case TFLOPS_FP32 -> h.gpus().getFirst().tflopsFp32();
            case MEM_BW -> h.gpus().getFirst().memBandwidthGbps();
            case PCIE_BW -> h.gpus().getFirst().pcieBandwidthGbps();
            case CPU_CORES -> h.free().cpuCores();
            case CPU_RAM -> h.free().ramGb();
            case DISK_SPACE -> h.free().diskGb();
            case DISK_BW -> h.diskBandwidthMbps();
            case INET_UP -> h.inetUpMbps();
            case INET_DOWN -> h.inetDownMbps();
            case UPTIME_30D -> h.uptime30d();
            case GPU_NAME, TIER, REGION, DATACENTER, GEOLOCATION ->
                    throw new IllegalStateException(fieldName + " is text");
        };
    }

    /** Text reading of a TEXT field, upper-cased with spaces as underscores (how query values are kept). */
    String text(Candidate c) {
        Host h = c.host;
        return switch (this) {
            case GPU_NAME -> h.gpuModel();
            case TIER -> h.tier().name();
            case REGION -> Texts.normalise(h.region());
            case DATACENTER -> Texts.normalise(h.datacenter());
            case GEOLOCATION -> Texts.normalise(h.geolocation());
            default -> throw new IllegalStateException(fieldName + " is not text");
        };
    }

    @Override
    public String toString() {
        return fieldName;
    }
}
