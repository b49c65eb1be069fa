package dev.assay.matching.bidbook;

/**
 * An on-demand pod on a host: it holds its GPUs until it stops and is never preempted.
 *
 * @param podId the pod; unique within its host's book
 * @param gpus GPUs it holds; at least 1
 */
public record OnDemandPod(String podId, int gpus) {

    /** @throws IllegalArgumentException if the pod id is blank or {@code gpus < 1} */
    public OnDemandPod {
        BookArguments.requirePodId(podId);
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be at least 1, was " + gpus);
        }
    }
}
