package dev.assay.api.pods;

import dev.assay.api.live.RoutingGuard;
import dev.assay.api.pods.PodViews.PodRequest;
import dev.assay.api.pods.PodViews.Requirements;
import dev.assay.api.problem.ApiProblem;
import dev.assay.pricing.Money;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * A renter's pod orders from a program in this process (the SIMULATED renters of the demo market), through the
 * very path {@code /v1/pods} takes: the same request checks ({@link PodRules}), placement ({@link PodPlacer}),
 * lifecycle and routing guard. Nothing here decides anything the REST API would decide differently; it only
 * skips HTTP and API keys, so its callers must say which organisation acts.
 *
 * <p>Business refusals (no capacity, a pod that cannot be stopped now, a race lost) are a {@link Refused}
 * outcome, never an exception: a simulated renter shrugs and tries something else, as a real one would.
 * Thread-safe.
 */
@Singleton
public class RenterDesk {

    /**
     * A pod to order: on the host of {@code offerId} (a host id or an offer id from GET /v1/offers) or on the best
     * host that matches {@code query} (offer query language), or anywhere when both are empty.
     *
     * @param seed the placement's tie-break seed: the same seed on the same market places the same way
     */
    public record Order(String name, String image, int gpuCount, PodType type, Optional<Money> bidPerGpuHour,
            Optional<String> offerId, Optional<String> query, long seed) {}

    /** What became of an order or a change. */
    public sealed interface Outcome {}

    /** Done: the pod and the state it is in now. */
    public record Accepted(String podId, PodState state, Optional<String> hostId) implements Outcome {}

    /** Refused, with the answer the REST API would have given. */
    public record Refused(String why) implements Outcome {}

    private final PodPlacer placer;
    private final PodLifecycle lifecycle;
    private final RoutingGuard routing;

    RenterDesk(PodPlacer placer, PodLifecycle lifecycle, RoutingGuard routing) {
        this.placer = placer;
        this.lifecycle = lifecycle;
        this.routing = routing;
    }

    /** As {@code POST /v1/pods} for {@code orgId}. */
    public Outcome create(String orgId, Order order) {
        PodRequest request = new PodRequest(order.name(), order.image(), order.gpuCount(),
                order.offerId().orElse(null),
                order.query().map(q -> new Requirements(q, null, null, null, null, null, null, null, null, null, null))
                        .orElse(null),
                null, null, null, null, null, Map.of(), null, order.type().name(),
                order.bidPerGpuHour().map(Money::toString).orElse(null));
        try {
            PodDraft draft = PodRules.check(request, order.seed());
            routing.requireRouting("creating a pod");
            return switch (placer.place(orgId, draft)) {
                case PodPlacer.Placed placed -> accepted(placed.pod());
                case PodPlacer.NoCapacity none -> new Refused(none.answer().message());
                case PodPlacer.Contended contended -> new Refused("the market is busy: lost the race "
                        + contended.tries() + " times");
            };
        } catch (ApiProblem problem) {
            return new Refused(problem.getMessage());
        }
    }

    /** As {@code POST /v1/pods/{id}/stop}. */
    public Outcome stop(String orgId, String podId) {
        try {
            routing.requireRouting("stopping a pod");
            return accepted(lifecycle.stop(orgId, podId));
        } catch (ApiProblem problem) {
            return new Refused(problem.getMessage());
        }
    }

    /** As {@code DELETE /v1/pods/{id}}. */
    public Outcome delete(String orgId, String podId) {
        try {
            routing.requireRouting("deleting a pod");
            return accepted(lifecycle.delete(orgId, podId));
        } catch (ApiProblem problem) {
            return new Refused(problem.getMessage());
        }
    }

    /** As {@code PUT /v1/pods/{id}/bid}. */
    public Outcome changeBid(String orgId, String podId, Money bid) {
        try {
            routing.requireRouting("changing a bid");
            return accepted(lifecycle.changeBid(orgId, podId, bid));
        } catch (ApiProblem problem) {
            return new Refused(problem.getMessage());
        }
    }

    private static Accepted accepted(PodRow pod) {
        return new Accepted(pod.id(), pod.state(), Optional.ofNullable(pod.hostId()));
    }
}
