package dev.assay.bench.timefold;

import dev.assay.matching.inventory.Host;

/** A host as the Timefold model sees it: what is free, and the host itself for the feasibility rules. */
public final class HostCapacity {

    private final Host host;

    public HostCapacity(Host host) {
        this.host = host;
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
