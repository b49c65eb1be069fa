package dev.assay.api.metering;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the pod lifecycle in tests: records which pods the balance guard asked to stop, and why. */
@Singleton
@Secondary
public class RecordingPodStopper implements PodStopper {

    /** One request to stop a pod. */
    public record StopRequest(String podId, String reason) {
    }

    private final List<StopRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void stopForBalance(String podId, String reason) {
        requests.add(new StopRequest(podId, reason));
    }

    /** Every request so far, oldest first. */
    public List<StopRequest> requests() {
        return List.copyOf(requests);
    }

    /** Whether the guard asked to stop {@code podId}. */
    public boolean asked(String podId) {
        return requests.stream().anyMatch(r -> r.podId().equals(podId));
    }
}
