package dev.assay.matching.search;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;

/**
 * A host's offer as sized for one query, evaluated in place: one instance is reused across every host a
 * search looks at, so the scan allocates nothing per host. Not thread-safe; confined to one search.
 */
final class Candidate {

    Host host;
    HostOffer offer;
    int gpuCount;
    private long pricePerHourMicros = -1;
    private double value = Double.NaN;

    void reset(Host host, HostOffer offer, int gpuCount) {
        this.host = host;
        this.offer = offer;
        this.gpuCount = gpuCount;
        this.pricePerHourMicros = -1;
        this.value = Double.NaN;
    }

    /** On-demand GPU price × GPUs; storage is priced when a pod asks for disk, not in the listing. */
    long pricePerHourMicros() {
        if (pricePerHourMicros < 0) {
            pricePerHourMicros = Math.multiplyExact(offer.onDemandPerGpuHour().micros(), gpuCount);
        }
        return pricePerHourMicros;
    }

    /** Assay Score × GPUs ÷ dollars per hour; a free offer has unbounded value. */
    double value() {
        if (Double.isNaN(value)) {
            long micros = pricePerHourMicros();
            value = micros == 0 ? Double.POSITIVE_INFINITY : host.scorePerGpu() * gpuCount / (micros / 1_000_000.0);
        }
        return value;
    }
}
