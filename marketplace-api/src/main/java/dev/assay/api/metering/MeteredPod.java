package dev.assay.api.metering;

import java.time.Instant;
import java.util.Optional;

/**
 * A RUNNING pod as metering reads it, locked for the transaction that charges it.
 *
 * @param id                  the pod
 * @param renterOrgId         who rents it and pays
 * @param hostId              where it runs
 * @param hostOrgId           who owns the host and is paid
 * @param interruptible       whether it pays the host's clearing price rather than its placement price
 * @param gpuCount            GPUs it holds
 * @param diskGb              disk it holds, billed at {@code storageMicrosPerGbMonth}
 * @param gpuPriceMicros      on-demand price per GPU-hour, fixed at placement
 * @param storageMicrosPerGbMonth storage price, fixed at placement
 * @param bidMicros           interruptible only: its bid per GPU-hour
 * @param hostMinBidMicros    the host's minimum bid per GPU-hour now (zero when the host is not listed)
 * @param billedUntil         the metering cursor: everything before it is charged
 * @param meterRemainder      the sub-micro-dollar carry of {@link dev.assay.pricing.MeterState}
 */
record MeteredPod(String id, String renterOrgId, String hostId, String hostOrgId, boolean interruptible,
        int gpuCount, long diskGb, long gpuPriceMicros, long storageMicrosPerGbMonth, Optional<Long> bidMicros,
        long hostMinBidMicros, Instant billedUntil, long meterRemainder) {
}
