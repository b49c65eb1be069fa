package dev.assay.matching.placement;

import dev.assay.matching.inventory.Tier;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a renter asks for: one pod of {@code gpuCount} GPUs on one host, and the rules a host must meet.
 *
 * <p>Build one with {@link #forGpus(int)}. Every field is checked here, so a request that exists is
 * well-formed; the filters never re-check it.
 *
 * @param gpuModels SKU ids accepted ("RTX_4090"), in order of the renter's preference; empty = any model
 * @param minScorePerGpu lowest Assay Score per GPU accepted; 0 = any
 * @param minVramGbPerGpu lowest VRAM per GPU accepted, GB; 0 = any
 * @param gpuCount GPUs on one host; 1..{@value #MAX_GPUS_PER_POD}
 * @param cpuCoresPerGpu CPU cores reserved per GPU
 * @param ramGbPerGpu RAM reserved per GPU, GB
 * @param diskGb disk reserved for the pod, GB (priced per GB-month by the host)
 * @param minCudaVersion the CUDA version the pod needs the host's driver to run, if any
 * @param regions accepted regions, most preferred first; empty = anywhere
 * @param datacenters accepted datacenters, most preferred first; empty = any
 * @param tier the tier required, if any
 * @param requireVerified only hosts whose measurements were verified
 * @param minReliability lowest reliability accepted (the host's conservative lower bound), 0..1
 * @param maxPricePerHour the most the pod may cost per hour, all-in (GPUs and storage), if capped
 * @param bidPerGpuHour present for an interruptible pod: its bid per GPU-hour
 * @param seed the seed of the candidate sampling: same snapshot, request and seed give the same decision
 */
public record PlacementRequest(List<String> gpuModels, double minScorePerGpu, double minVramGbPerGpu, int gpuCount,
                               int cpuCoresPerGpu, long ramGbPerGpu, long diskGb,
                               Optional<CudaVersion> minCudaVersion, List<String> regions, List<String> datacenters,
                               Optional<Tier> tier, boolean requireVerified, double minReliability,
                               Optional<Money> maxPricePerHour, Optional<Money> bidPerGpuHour, long seed) {

    public static final int MAX_GPUS_PER_POD = 64;
    /** Bound on the lists of models, regions and datacenters a request may name. */
    public static final int MAX_LIST_SIZE = 32;
    public static final int MAX_CPU_CORES_PER_GPU = 1024;
    public static final long MAX_RAM_GB_PER_GPU = 16_384;
    public static final long MAX_DISK_GB = 1_000_000;

    /** @throws IllegalArgumentException naming the field, if a field is outside the range documented above */
    public PlacementRequest {
        gpuModels = names(gpuModels, "gpuModels");
        regions = names(regions, "regions");
        datacenters = names(datacenters, "datacenters");
        requireNonNegative(minScorePerGpu, "minScorePerGpu");
        requireNonNegative(minVramGbPerGpu, "minVramGbPerGpu");
        requireRange(gpuCount, 1, MAX_GPUS_PER_POD, "gpuCount");
        requireRange(cpuCoresPerGpu, 0, MAX_CPU_CORES_PER_GPU, "cpuCoresPerGpu");
        requireRange(ramGbPerGpu, 0, MAX_RAM_GB_PER_GPU, "ramGbPerGpu");
        requireRange(diskGb, 0, MAX_DISK_GB, "diskGb");
        requirePresent(minCudaVersion, "minCudaVersion");
        requirePresent(tier, "tier");
        if (!(minReliability >= 0 && minReliability <= 1)) {
            throw new IllegalArgumentException("minReliability must be between 0 and 1, was " + minReliability);
        }
        requirePresent(maxPricePerHour, "maxPricePerHour");
        maxPricePerHour.ifPresent(price -> {
            if (!price.isPositive()) {
                throw new IllegalArgumentException("maxPricePerHour must be positive, was " + price.toDollarString());
            }
        });
        requirePresent(bidPerGpuHour, "bidPerGpuHour");
        bidPerGpuHour.ifPresent(bid -> {
            if (bid.isNegative()) {
                throw new IllegalArgumentException("bidPerGpuHour must not be negative, was " + bid.toDollarString());
            }
        });
    }

    /** A request for {@code gpuCount} GPUs with no other rule; add rules on the builder. */
    public static Builder forGpus(int gpuCount) {
        return new Builder(gpuCount);
    }

    /** Whether the pod is interruptible (it has a bid). */
    public boolean interruptible() {
        return bidPerGpuHour.isPresent();
    }

    public int cpuCores() {
        return cpuCoresPerGpu * gpuCount;
    }

    public long ramGb() {
        return ramGbPerGpu * gpuCount;
    }

    /** This request with another seed: same rules, another sample of candidates. */
    public PlacementRequest withSeed(long newSeed) {
        return new PlacementRequest(gpuModels, minScorePerGpu, minVramGbPerGpu, gpuCount, cpuCoresPerGpu, ramGbPerGpu,
                diskGb, minCudaVersion, regions, datacenters, tier, requireVerified, minReliability, maxPricePerHour,
                bidPerGpuHour, newSeed);
    }

    private static List<String> names(List<String> names, String field) {
        if (names == null) {
            throw new IllegalArgumentException(field + " is required (empty for any)");
        }
        if (names.size() > MAX_LIST_SIZE) {
            throw new IllegalArgumentException(field + " may name at most " + MAX_LIST_SIZE + " entries, got " + names.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain a blank entry");
            }
            distinct.add(name);
        }
        return List.copyOf(distinct);
    }

    private static void requireNonNegative(double value, String field) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
    }

    private static <T> Optional<T> present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return Optional.of(value);
    }

    private static void requireRange(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void requirePresent(Optional<?> value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be Optional.empty() when absent, not null");
        }
    }

    /** Builds a {@link PlacementRequest}; {@link #build()} checks every field. Not thread-safe. */
    public static final class Builder {
        private final int gpuCount;
        private final List<String> gpuModels = new ArrayList<>();
        private double minScorePerGpu;
        private double minVramGbPerGpu;
        private int cpuCoresPerGpu;
        private long ramGbPerGpu;
        private long diskGb;
        private Optional<CudaVersion> minCudaVersion = Optional.empty();
        private final List<String> regions = new ArrayList<>();
        private final List<String> datacenters = new ArrayList<>();
        private Optional<Tier> tier = Optional.empty();
        private boolean requireVerified;
        private double minReliability;
        private Optional<Money> maxPricePerHour = Optional.empty();
        private Optional<Money> bidPerGpuHour = Optional.empty();
        private long seed;

        private Builder(int gpuCount) {
            this.gpuCount = gpuCount;
        }

        public Builder gpuModels(String... skuIds) {
            gpuModels.addAll(List.of(skuIds));
            return this;
        }

        public Builder minScorePerGpu(double score) {
            this.minScorePerGpu = score;
            return this;
        }

        public Builder minVramGbPerGpu(double vramGb) {
            this.minVramGbPerGpu = vramGb;
            return this;
        }

        /** CPU cores, RAM and disk: cores and RAM per GPU, disk for the whole pod. */
        public Builder resources(int cpuCoresPerGpu, long ramGbPerGpu, long diskGb) {
            this.cpuCoresPerGpu = cpuCoresPerGpu;
            this.ramGbPerGpu = ramGbPerGpu;
            this.diskGb = diskGb;
            return this;
        }

        public Builder minCudaVersion(String version) {
            this.minCudaVersion = Optional.of(CudaVersion.parse(version));
            return this;
        }

        public Builder regions(String... regionNames) {
            regions.addAll(List.of(regionNames));
            return this;
        }

        public Builder datacenters(String... datacenterNames) {
            datacenters.addAll(List.of(datacenterNames));
            return this;
        }

        public Builder tier(Tier required) {
            this.tier = present(required, "tier");
            return this;
        }

        public Builder requireVerified() {
            this.requireVerified = true;
            return this;
        }

        public Builder minReliability(double reliability) {
            this.minReliability = reliability;
            return this;
        }

        public Builder maxPricePerHour(Money price) {
            this.maxPricePerHour = present(price, "maxPricePerHour");
            return this;
        }

        /** Makes the pod interruptible with this bid per GPU-hour. */
        public Builder interruptible(Money bidPerGpuHour) {
            this.bidPerGpuHour = present(bidPerGpuHour, "bidPerGpuHour");
            return this;
        }

        public Builder seed(long samplingSeed) {
            this.seed = samplingSeed;
            return this;
        }

        public PlacementRequest build() {
            return new PlacementRequest(gpuModels, minScorePerGpu, minVramGbPerGpu, gpuCount, cpuCoresPerGpu,
                    ramGbPerGpu, diskGb, minCudaVersion, regions, datacenters, tier, requireVerified, minReliability,
                    maxPricePerHour, bidPerGpuHour, seed);
        }
    }
}
