package dev.assay.bench.timefold;

import dev.assay.matching.inventory.Host;

/** A host as the Timefold model sees it: what is free, and the host itself for the feasibility rules. */
public final class HostCapacity {

    private final int index;
    private final Host host;

    HostCapacity(int index, Host host) {
        this.index = index;
        this.host = host;
    }

    /** Position in the batch's host list: the key of each pod's price table. */
    int index() {
        return index;
    }

    public Host host() {
        return host;
    }

    public int freeGpus() {
        return host.freeGpuCount();
    }

    public int freeCpu() {
        return host.free().cpuCores();
    }

    public long freeRamGb() {
        return host.free().ramGb();
    }

    public long freeDiskGb() {
        return host.free().diskGb();
    }

    @Override
    public String toString() {
        return host.id();
    }
}
