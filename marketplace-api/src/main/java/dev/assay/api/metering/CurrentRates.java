package dev.assay.api.metering;

import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * What a RUNNING pod pays per hour right now, by the same rule metering charges with ({@link PodRate}): for an
 * interruptible pod, the host's clearing price as the waiting bids stand now, never above its own bid. Read
 * without locks, so the next metering pass may price a moment later.
 */
@Singleton
public class CurrentRates {

    private final PodMeterRows rows;

    CurrentRates(PodMeterRows rows) {
        this.rows = rows;
    }

    /** @return empty when the pod is not RUNNING (it pays nothing then) */
    @Transactional(readOnly = true)
    public Optional<Money> perHour(String podId) {
        return rows.readRunning(podId).map(pod -> PodRate.of(pod,
                pod.interruptible() ? rows.highestWaitingBid(pod.hostId()) : Optional.empty()).perHour());
    }
}
