package dev.assay.matching.placement;

import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.GpuFacts;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Hosts for placement tests: sensible defaults, change only what a test is about. */
final class TestHosts {

    private TestHosts() {
    }

    static Builder host(String id) {
        return new Builder(id);
    }

    static final class Builder {
        private final String id;
        private String skuId = "RTX_4090";
        private int gpuCount = 8;
        private BitSet freeGpus;
        private double score = 100;
        private double vramGb = 24;
        private Tier tier = Tier.COMMUNITY;
        private String region = "us-east";
        private String datacenter = "us-east-1";
        private VerificationState verification = VerificationState.VERIFIED;
        private double reliability = 0.99;
        private int cpuCores = 128;
        private long ramGb = 1024;
        private long diskGb = 4000;
        private Integer freeCpuCores;
        private Long freeRamGb;
        private Long freeDiskGb;
        private String cudaVersion = "12.4";
        private Optional<HostOffer> offer = Optional.of(newOffer("0.40", "0.20", "0.10", 1));

        private Builder(String id) {
            this.id = id;
        }

        static HostOffer newOffer(String onDemand, String minimumBid, String storagePerGbMonth, int minGpusPerPod) {
            return new HostOffer(Money.parse(onDemand), Money.parse(minimumBid), Money.parse(storagePerGbMonth),
                    minGpusPerPod);
        }

        Builder gpus(String sku, int count) {
            this.skuId = sku;
            this.gpuCount = count;
            return this;
        }

        /** The host's {@code free} highest-numbered GPUs are free (call after {@link #gpus}). */
        Builder free(int free) {
            BitSet bits = new BitSet();
            bits.set(gpuCount - free, gpuCount); // high indices, so plans show "lowest free index" at work
            this.freeGpus = bits;
            return this;
        }

        Builder freeGpus(int... indices) {
            BitSet bits = new BitSet();
            for (int index : indices) {
                bits.set(index);
            }
            this.freeGpus = bits;
            return this;
        }

        Builder score(double perGpu) {
            this.score = perGpu;
            return this;
        }

        Builder vramGb(double perGpu) {
            this.vramGb = perGpu;
            return this;
        }

        Builder tier(Tier hostTier) {
            this.tier = hostTier;
            return this;
        }

        Builder location(String hostRegion, String hostDatacenter) {
            this.region = hostRegion;
            this.datacenter = hostDatacenter;
            return this;
        }

        Builder verification(VerificationState state) {
            this.verification = state;
            return this;
        }

        Builder reliability(double lowerBound) {
            this.reliability = lowerBound;
            return this;
        }

        Builder totals(int cores, long ram, long disk) {
            this.cpuCores = cores;
            this.ramGb = ram;
            this.diskGb = disk;
            return this;
        }

        Builder freeResources(int cores, long ram, long disk) {
            this.freeCpuCores = cores;
            this.freeRamGb = ram;
            this.freeDiskGb = disk;
            return this;
        }

        Builder cuda(String version) {
            this.cudaVersion = version;
            return this;
        }

        Builder offer(String onDemand, String minimumBid, String storagePerGbMonth, int minGpusPerPod) {
            this.offer = Optional.of(newOffer(onDemand, minimumBid, storagePerGbMonth, minGpusPerPod));
            return this;
        }

        Builder onDemandPrice(String onDemand) {
            HostOffer current = offer.orElseThrow();
            this.offer = Optional.of(new HostOffer(Money.parse(onDemand), current.minimumBidPerGpuHour(),
                    current.storagePerGbMonth(), current.minGpusPerPod()));
            return this;
        }

        Builder unlisted() {
            this.offer = Optional.empty();
            return this;
        }

        Host build() {
            List<GpuFacts> gpus = new ArrayList<>();
            for (int i = 0; i < gpuCount; i++) {
                gpus.add(new GpuFacts(i, skuId, skuId.replace('_', ' '), vramGb, 165, 82, 1000, 25, score, "8.9"));
            }
            BitSet free = freeGpus;
            if (free == null) {
                free = new BitSet();
                free.set(0, gpuCount);
            }
            FreeCapacity capacity = new FreeCapacity(free,
                    freeCpuCores == null ? cpuCores : freeCpuCores,
                    freeRamGb == null ? ramGb : freeRamGb,
                    freeDiskGb == null ? diskGb : freeDiskGb);
            return new Host(id, tier, region, datacenter, "US", verification, reliability, reliability,
                    cpuCores, ramGb, diskGb, 2000, 1000, 1000, "550.54", cudaVersion, gpus, capacity, offer, false);
        }
    }
}
