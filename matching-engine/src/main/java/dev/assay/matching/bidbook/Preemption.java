package dev.assay.matching.bidbook;

import java.time.Duration;
import java.util.List;

/**
 * One running interruptible pod to stop. Its disk is kept; its bid stays in the book and the pod resumes
 * when the bid wins GPUs again.
 *
 * @param podId the pod to stop
 * @param reason why
 * @param gracePeriod time between the stop notice and the kill
 * @param displacedBy the pods that take its GPUs: for {@link PreemptionReason#ON_DEMAND} the new on-demand
 *     pod, for {@link PreemptionReason#OUTBID} the bids that outrank it and now run ahead of it (never
 *     empty), for {@link PreemptionReason#BELOW_MINIMUM} none
 */
public record Preemption(String podId, PreemptionReason reason, Duration gracePeriod, List<String> displacedBy) {

    public Preemption {
        BookArguments.requirePodId(podId);
        if (reason == null || gracePeriod == null || displacedBy == null) {
            throw new IllegalArgumentException("reason, gracePeriod and displacedBy are required");
        }
        displacedBy = List.copyOf(displacedBy);
    }
}
