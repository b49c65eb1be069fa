package dev.assay.matching.bidbook;

import dev.assay.pricing.ClearingPrice;
import dev.assay.pricing.Money;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one change of a host's book asks the host to do, and what running pods pay from now on.
 *
 * <p>A pod whose own bid was cancelled is not in {@code stop}: its renter stopped it, nobody preempted it.
 *
 * @param stop running interruptible pods to stop, in rank order (highest bid first)
 * @param start interruptible pods to start or resume, in rank order
 * @param clearingPrice the host's clearing price after the change
 * @param payablePerGpuHour every running interruptible pod after the change, in rank order, with what it
 *     pays per GPU-hour: the clearing price capped at its own bid
 */
public record PreemptionPlan(List<Preemption> stop, List<String> start, ClearingPrice clearingPrice,
                             Map<String, Money> payablePerGpuHour) {

    public PreemptionPlan {
        if (stop == null || start == null || clearingPrice == null || payablePerGpuHour == null) {
            throw new IllegalArgumentException("stop, start, clearingPrice and payablePerGpuHour are required");
        }
        stop = List.copyOf(stop);
        start = List.copyOf(start);
        payablePerGpuHour = Collections.unmodifiableMap(new LinkedHashMap<>(payablePerGpuHour));
    }

    /** Whether the change stops or starts no pod. */
    public boolean isQuiet() {
        return stop.isEmpty() && start.isEmpty();
    }
}
