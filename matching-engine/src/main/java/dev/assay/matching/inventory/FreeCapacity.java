package dev.assay.matching.inventory;

import java.util.BitSet;

/**
 * What is free on a host right now; totals live on {@link Host}. GPUs are allocated by index.
 * Immutable: the bit set is copied in and out.
 */
public record FreeCapacity(BitSet freeGpus, int cpuCores, long ramGb, long diskGb) {

    public FreeCapacity {
        if (freeGpus == null) {
            throw new IllegalArgumentException("freeGpus is required");
        }
        freeGpus = (BitSet) freeGpus.clone();
        if (cpuCores < 0 || ramGb < 0 || diskGb < 0) {
            throw new IllegalArgumentException(
                    "free capacity cannot be negative: cpu=" + cpuCores + " ram=" + ramGb + " disk=" + diskGb);
        }
    }

    /** All of a host's resources free. */
    public static FreeCapacity allOf(int gpuCount, int cpuCores, long ramGb, long diskGb) {
        BitSet gpus = new BitSet(gpuCount);
        gpus.set(0, gpuCount);
        return new FreeCapacity(gpus, cpuCores, ramGb, diskGb);
    }

    @Override
    public BitSet freeGpus() {
        return (BitSet) freeGpus.clone();
    }

    public int freeGpuCount() {
        return freeGpus.cardinality();
    }

    public boolean isFree(int gpuIndex) {
        return freeGpus.get(gpuIndex);
    }
}
