package dev.assay.loadgen.agents;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where the swarm's hosts meet the renter: when a {@code StartPod} reached an agent ({@link System#nanoTime()}), and
 * when a pod's STOPPED went back, by pod id. Either side may come first (the marketplace may send StartPod before its
 * REST answer leaves), so each pod id has one future both sides reach. Thread-safe; a pod is forgotten once taken.
 */
final class PodArrivals {

    private final ConcurrentMap<String, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Long>> stopped = new ConcurrentHashMap<>();

    void startPodReceived(String podId, long nanos) {
        started.computeIfAbsent(podId, id -> new CompletableFuture<>()).complete(nanos);
    }

    void stopReported(String podId, long nanos) {
        stopped.computeIfAbsent(podId, id -> new CompletableFuture<>()).complete(nanos);
    }

    /** When StartPod of {@code podId} arrives (or arrived); forget it with {@link #forget}. */
    CompletableFuture<Long> start(String podId) {
        return started.computeIfAbsent(podId, id -> new CompletableFuture<>());
    }

    CompletableFuture<Long> stop(String podId) {
        return stopped.computeIfAbsent(podId, id -> new CompletableFuture<>());
    }

    void forget(String podId) {
        started.remove(podId);
        stopped.remove(podId);
    }
}
