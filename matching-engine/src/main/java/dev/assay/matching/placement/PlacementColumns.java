package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.AllInPrice;
import dev.assay.pricing.Money;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One GPU model's hosts as primitive columns, ordered by free GPU count and then id, for the placement walk.
 *
 * <p>Why columns: at 100 k hosts a host record is a handful of objects (free-capacity bit set, offer, GPU
 * list) that are rarely in the CPU cache, so a walk that reads records is bound by memory. The same facts in
 * arrays, read in order, cost a few nanoseconds a host. Why this order: the hosts with at least {@code n} free
 * GPUs are one suffix of the columns ({@link #firstWithFree}), so a walk visits only hosts with enough free
 * GPUs (free-GPU-first) and counts the others without reading them.
 *
 * <p>Kept by the snapshot per model ({@code derivedForGpuModel}) until the model's hosts change; immutable.
 */
final class PlacementColumns {

    private static final Comparator<Host> BY_FREE_THEN_ID =
            Comparator.comparingInt(Host::freeGpuCount).thenComparing(Host::id);

    final Host[] hosts;
    final int[] freeGpus;
    final double[] score;
    final double[] vramGb;
    final boolean[] listed;
    final int[] minGpusPerPod;
    final long[] minimumBidMicros;
    final long[] onDemandMicros;
    final long[] storagePerGbMonthMicros;
    final int[] gpuTotal;
    final byte[] tier;
    final boolean[] verified;
    final String[] region;
    final String[] datacenter;
    final double[] reliability;
    final int[] freeCpuCores;
    final long[] freeRamGb;
    final long[] freeDiskGb;
    /** {@link CudaVersion}'s encoding (major × 1000 + minor), -1 where the host's text cannot be read. */
    final int[] cuda;
    /** firstWithFree[n]: index of the first host with at least n free GPUs (n up to the most free + 1). */
    private final int[] firstWithFree;
    final double minScore;
    final double maxScore;
    final double minVramGb;
    final double maxVramGb;

    private PlacementColumns(Host[] hosts) {
        int n = hosts.length;
        this.hosts = hosts;
        freeGpus = new int[n];
        score = new double[n];
        vramGb = new double[n];
        listed = new boolean[n];
        minGpusPerPod = new int[n];
        minimumBidMicros = new long[n];
        onDemandMicros = new long[n];
        storagePerGbMonthMicros = new long[n];
        gpuTotal = new int[n];
        tier = new byte[n];
        verified = new boolean[n];
        region = new String[n];
        datacenter = new String[n];
        reliability = new double[n];
        freeCpuCores = new int[n];
        freeRamGb = new long[n];
        freeDiskGb = new long[n];
        cuda = new int[n];
        double lowScore = Double.POSITIVE_INFINITY;
        double highScore = Double.NEGATIVE_INFINITY;
        double lowVram = Double.POSITIVE_INFINITY;
        double highVram = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Host host = hosts[i];
            freeGpus[i] = host.freeGpuCount();
            score[i] = host.scorePerGpu();
            vramGb[i] = host.vramGbPerGpu();
            HostOffer offer = host.offer().orElse(null);
            listed[i] = offer != null;
            minGpusPerPod[i] = offer == null ? Integer.MAX_VALUE : offer.minGpusPerPod();
            minimumBidMicros[i] = offer == null ? Long.MAX_VALUE : offer.minimumBidPerGpuHour().micros();
            onDemandMicros[i] = offer == null ? 0 : offer.onDemandPerGpuHour().micros();
            storagePerGbMonthMicros[i] = offer == null ? 0 : offer.storagePerGbMonth().micros();
            gpuTotal[i] = host.gpuCount();
            tier[i] = (byte) host.tier().ordinal();
            verified[i] = host.verification() == VerificationState.VERIFIED;
            region[i] = host.region();
            datacenter[i] = host.datacenter();
            reliability[i] = host.reliability();
            freeCpuCores[i] = host.free().cpuCores();
            freeRamGb[i] = host.free().ramGb();
            freeDiskGb[i] = host.free().diskGb();
            cuda[i] = CudaVersion.encodeHostVersion(host.cudaVersion());
            lowScore = Math.min(lowScore, score[i]);
            highScore = Math.max(highScore, score[i]);
            lowVram = Math.min(lowVram, vramGb[i]);
            highVram = Math.max(highVram, vramGb[i]);
        }
        minScore = lowScore;
        maxScore = highScore;
        minVramGb = lowVram;
        maxVramGb = highVram;
        int mostFree = n == 0 ? 0 : freeGpus[n - 1];
        firstWithFree = new int[mostFree + 2];
        int at = 0;
        for (int free = 0; free < firstWithFree.length; free++) {
            while (at < n && freeGpus[at] < free) {
                at++;
            }
            firstWithFree[free] = at;
        }
    }

    /** The columns of one model's hosts (the snapshot's per-model list, in any order). */
    static PlacementColumns of(List<Host> modelHosts) {
        Host[] sorted = modelHosts.toArray(Host[]::new);
        Arrays.sort(sorted, BY_FREE_THEN_ID);
        return new PlacementColumns(sorted);
    }

    int size() {
        return hosts.length;
    }

    /** Index of the first host with at least {@code gpus} free GPUs; {@link #size()} when there is none. */
    int firstWithFree(int gpus) {
        return gpus < firstWithFree.length ? firstWithFree[Math.max(gpus, 0)] : hosts.length;
    }

    /** No host of the model meets the request's score or VRAM floor: the gpu-model rule rejects them all. */
    boolean belowFloors(PlacementRequest request) {
        return maxScore < request.minScorePerGpu() || maxVramGb < request.minVramGbPerGpu();
    }

    /** Every host of the model meets the request's score and VRAM floors. */
    boolean aboveFloors(PlacementRequest request) {
        return minScore >= request.minScorePerGpu() && minVramGb >= request.minVramGbPerGpu();
    }

    /**
     * {@link PodPrice#expectedPerHour} of host {@code i} (listed) for {@code request}: the same exact money
     * arithmetic, from the columns.
     */
    Money expectedPerHour(int i, PlacementRequest request) {
        long perGpuHour = request.interruptible() ? minimumBidMicros[i] : onDemandMicros[i];
        return AllInPrice.perHour(Money.ofMicros(perGpuHour), request.gpuCount(),
                Money.ofMicros(storagePerGbMonthMicros[i]), request.diskGb());
    }

    /** Hosts in {@code [0, end)} that miss the request's score or VRAM floor. */
    int belowFloorsIn(int end, PlacementRequest request) {
        double leastScore = request.minScorePerGpu();
        double leastVram = request.minVramGbPerGpu();
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (score[i] < leastScore || vramGb[i] < leastVram) {
                count++;
            }
        }
        return count;
    }
}
