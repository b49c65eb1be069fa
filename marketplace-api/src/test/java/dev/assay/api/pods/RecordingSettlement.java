package dev.assay.api.pods;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for metering in the pod tests: records every settlement a pod leaving RUNNING asked for. Those
 * tests check when the lifecycle settles, not what a settlement charges (the metering contract and the market
 * journey test do), so it is preferred over metering's real one only where a test switches it on.
 */
@Singleton
@Primary
@Requires(property = "pods-test.recording-settlement", value = "true")
public class RecordingSettlement implements RunningTimeSettlement {

    /** One call. */
    public record Settled(String podId, Instant until) {
    }

    private final List<Settled> settled = new CopyOnWriteArrayList<>();

    @Override
    public void settle(String podId, Instant until) {
        settled.add(new Settled(podId, until));
    }

    @Override
    public void lockAccountsFor(Collection<String> podIds) {
        // Nothing is charged here, so there is nothing to lock.
    }

    public List<Settled> of(String podId) {
        return settled.stream().filter(s -> s.podId().equals(podId)).toList();
    }
}
