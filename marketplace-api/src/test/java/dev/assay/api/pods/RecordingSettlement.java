package dev.assay.api.pods;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for metering in tests: records every settlement a pod leaving RUNNING asked for. */
@Singleton
@Secondary
public class RecordingSettlement implements RunningTimeSettlement {

    /** One call. */
    public record Settled(String podId, Instant until) {
    }

    private final List<Settled> settled = new CopyOnWriteArrayList<>();

    @Override
    public void settle(String podId, Instant until) {
        settled.add(new Settled(podId, until));
    }

    public List<Settled> of(String podId) {
        return settled.stream().filter(s -> s.podId().equals(podId)).toList();
    }
}
