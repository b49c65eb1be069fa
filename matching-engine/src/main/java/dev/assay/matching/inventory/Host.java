package dev.assay.matching.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A machine in the market as the matching engine sees it: where it is, how trustworthy it is, what it has
 * and what is free, and the owner's offer. Hosts are homogeneous (every GPU is the same SKU).
 *
 * @param geolocation ISO 3166 country code, e.g. {@code "US"}
 * @param reliability conservative lower bound of the host's reliability, in [0, 1]; ranking uses it
 * @param uptime30d share of the last 30 days the host was reachable, in [0, 1]
 * @param cudaVersion highest CUDA version the host's driver runs, e.g. {@code "12.4"}
 * @param offer empty while the owner has not listed the machine
 * @param simulated true for demo and test hosts: their figures are SIMULATED, never measurements
 */
public record Host(String id, Tier tier, String region, String datacenter, String geolocation,
        VerificationState verification, double reliability, double uptime30d,
        int cpuCores, long ramGb, long diskGb, double diskBandwidthMbps, double inetUpMbps, double inetDownMbps,
        String driverVersion, String cudaVersion,
        List<GpuFacts> gpus, FreeCapacity free, Optional<HostOffer> offer, boolean simulated) {

    public Host {
        Checks.requireNonBlank(id, "id");
        if (tier == null || verification == null || free == null || offer == null) {
            throw new IllegalArgumentException("host " + id + ": tier, verification, free and offer are required");
        }
        Checks.requireNonBlank(region, "region");
        datacenter = datacenter == null ? "" : datacenter;
        Checks.requireNonBlank(geolocation, "geolocation");
        Checks.requireFraction(reliability, "reliability");
        Checks.requireFraction(uptime30d, "uptime30d");
        Checks.requireNonBlank(driverVersion, "driverVersion");
        Checks.requireNonBlank(cudaVersion, "cudaVersion");
        Checks.requireNonNegative(diskBandwidthMbps, "diskBandwidthMbps");
        Checks.requireNonNegative(inetUpMbps, "inetUpMbps");
        Checks.requireNonNegative(inetDownMbps, "inetDownMbps");
        gpus = List.copyOf(gpus);
        if (gpus.isEmpty()) {
            throw new IllegalArgumentException("host " + id + " has no GPU");
        }
        String sku = gpus.getFirst().skuId();
        for (int i = 0; i < gpus.size(); i++) {
            if (gpus.get(i).index() != i) {
                throw new IllegalArgumentException("host " + id + ": GPU indices must be 0.." + (gpus.size() - 1) + " in order");
            }
            if (!gpus.get(i).skuId().equals(sku)) {
                throw new IllegalArgumentException("host " + id + " mixes GPU models " + sku + " and " + gpus.get(i).skuId());
            }
        }
        if (cpuCores < 1 || ramGb < 1 || diskGb < 0) {
            throw new IllegalArgumentException("host " + id + ": cpuCores and ramGb must be >= 1, diskGb >= 0");
        }
        if (free.freeGpus().length() > gpus.size() || free.cpuCores() > cpuCores
                || free.ramGb() > ramGb || free.diskGb() > diskGb) {
            throw new IllegalArgumentException("host " + id + ": free capacity exceeds the host's totals");
        }
    }

    public int gpuCount() {
        return gpus.size();
    }

    public int freeGpuCount() {
        return free.freeGpuCount();
    }

    /** The catalogue id of the host's GPUs, e.g. {@code "RTX_4090"}. */
    public String gpuModel() {
        return gpus.getFirst().skuId();
    }

    /** Display name of the host's GPUs, e.g. {@code "RTX 4090"}. */
    public String gpuDisplayName() {
        return gpus.getFirst().model();
    }

    public double vramGbPerGpu() {
        return gpus.getFirst().vramGb();
    }

    public double scorePerGpu() {
        return gpus.getFirst().score();
    }

    /** The same host with different free capacity (after a placement or a release). */
    public Host withFree(FreeCapacity newFree) {
        return new Host(id, tier, region, datacenter, geolocation, verification, reliability, uptime30d, cpuCores,
                ramGb, diskGb, diskBandwidthMbps, inetUpMbps, inetDownMbps, driverVersion, cudaVersion, gpus, newFree,
                offer, simulated);
    }

    /** The same host with a new offer, or none (unlisted). */
    public Host withOffer(Optional<HostOffer> newOffer) {
        return new Host(id, tier, region, datacenter, geolocation, verification, reliability, uptime30d, cpuCores,
                ramGb, diskGb, diskBandwidthMbps, inetUpMbps, inetDownMbps, driverVersion, cudaVersion, gpus, free,
                newOffer, simulated);
    }
}
