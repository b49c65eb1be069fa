package dev.assay.api.metering;

import dev.assay.pricing.AllInPrice;
import dev.assay.pricing.ClearingPrice;
import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.Money;
import java.util.Optional;

/**
 * What a running pod costs per hour right now. Pure: the pricing module decides, this only picks its inputs.
 *
 * <ul>
 *   <li>On demand: the GPU price fixed at placement × GPUs, plus its disk at the storage price fixed at
 *       placement ({@link AllInPrice}).</li>
 *   <li>Interruptible: the host's {@link ClearingPrice} (its minimum bid, or the highest bid waiting for the
 *       host if that is higher) capped at the pod's own bid, × GPUs, plus its disk likewise. Asked again at
 *       every metering, so the price follows the waiting bids.</li>
 * </ul>
 */
final class PodRate {

    private PodRate() {
    }

    /**
     * @param highestWaitingBidMicros the highest bid per GPU-hour waiting for the pod's host, if any
     *     (only read for an interruptible pod)
     */
    static HourlyRate of(MeteredPod pod, Optional<Long> highestWaitingBidMicros) {
        Money perGpuHour = pod.interruptible()
                ? ClearingPrice.forHost(Money.ofMicros(pod.hostMinBidMicros()), highestWaitingBidMicros.map(Money::ofMicros))
                        .payableBy(Money.ofMicros(pod.bidMicros().orElseThrow(
                                () -> new IllegalStateException("interruptible pod " + pod.id() + " has no bid"))))
                : Money.ofMicros(pod.gpuPriceMicros());
        return HourlyRate.of(AllInPrice.perHour(perGpuHour, pod.gpuCount(),
                Money.ofMicros(pod.storageMicrosPerGbMonth()), pod.diskGb()));
    }
}
