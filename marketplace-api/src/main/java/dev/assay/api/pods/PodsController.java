package dev.assay.api.pods;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Scope;
import dev.assay.api.live.RoutingGuard;
import dev.assay.api.metering.CurrentRates;
import dev.assay.api.paging.PageCursor;
import dev.assay.api.pods.PodViews.BidRequest;
import dev.assay.api.pods.PodViews.PodListView;
import dev.assay.api.pods.PodViews.PodRequest;
import dev.assay.api.pods.PodViews.PodView;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.api.problem.RequestValues;
import dev.assay.pricing.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/pods}: a renter's pods. Writing needs the {@code pods} scope, reading the {@code read} scope;
 * rights are checked before the body is read. Another organisation's pod answers 404, as a missing one.
 */
@Controller("/v1/pods")
@ExecuteOn(TaskExecutors.BLOCKING)
class PodsController {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final PodPlacer placer;
    private final PodLifecycle lifecycle;
    private final PodQueries queries;
    private final CurrentRates rates;

    private final RoutingGuard routing;

    PodsController(PodPlacer placer, PodLifecycle lifecycle, PodQueries queries, CurrentRates rates,
            RoutingGuard routing) {
        this.routing = routing;
        this.placer = placer;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.rates = rates;
    }

    /**
     * Places a pod on the best host that fits (or on the host of {@code offer_id}) and starts it. Answers
     * 201 with the pod (SCHEDULED, or PENDING for an interruptible bid that waits), or 409 {@code no-capacity}
     * with {@code eliminated_by}: how many hosts each placement rule ruled out.
     */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<PodView> create(@Parameter(hidden = true) Caller caller, @Body PodRequest request) {
        String orgId = organisationOf(caller, Scope.PODS);
        PodDraft draft = PodRules.check(request, SEEDS.nextLong());
        routing.requireRouting("creating a pod"); // after the checks: a mistake is answered as one even then
        return switch (placer.place(orgId, draft)) {
            case PodPlacer.Placed placed -> HttpResponse.created(PodView.of(placed.pod(), null, null));
            case PodPlacer.NoCapacity none -> throw ApiProblem.noCapacity(none.answer().message(),
                    none.answer().eliminatedBy());
            case PodPlacer.Contended contended -> throw new ApiProblem(ProblemType.CONFLICT, "the market is busy:"
                    + " every host proposed was taken by other placements " + contended.tries() + " times; retry");
        };
    }

    /**
     * The organisation's pods, newest first, a page at a time.
     *
     * @param state  only pods in this state (PENDING, SCHEDULED, RUNNING, STOPPED, ...)
     * @param limit  pods per page, 1 to 200 (default 100)
     * @param cursor {@code next_cursor} of the previous page
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    PodListView list(@Parameter(hidden = true) Caller caller, @QueryValue @Nullable String state,
            @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor) {
        String orgId = organisationOf(caller, Scope.READ);
        Optional<PodState> filter = Optional.empty();
        if (state != null) {
            try {
                filter = Optional.of(PodState.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(ProblemType.VALIDATION, "state must be one of " + java.util.Arrays.toString(
                        PodState.values()), Map.of("state", "not a pod state"));
            }
        }
        int size = RequestValues.limit(limit, PodQueries.DEFAULT_LIST, PodQueries.MAX_LIST);
        Optional<PageCursor> after;
        try {
            after = Optional.ofNullable(cursor).filter(c -> !c.isEmpty()).map(c -> PageCursor.decode(c, "pod_"));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION, e.getMessage(), Map.of("cursor", e.getMessage()));
        }
        PodQueries.Page page = queries.list(orgId, filter, size, after);
        return new PodListView(page.pods().stream().map(p -> PodView.of(p, null, null)).toList(),
                page.nextCursor().orElse(null));
    }


    /** One pod: state, host, GPU indices, price per hour (and what it pays now), cost so far and its events. */
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    PodView get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        String orgId = organisationOf(caller, Scope.READ);
        PodQueries.Detail detail = queries.detail(orgId, id).orElseThrow(() -> PodChanges.notFound(id));
        return PodView.of(detail.pod(), detail.costSoFar(), detail.events(), rates.perHour(id).orElse(null));
    }

    /** Stops the pod (RUNNING time is charged up to now); its disk is kept and it can start again. */
    @Post(uri = "/{id}/stop", produces = MediaType.APPLICATION_JSON)
    PodView stop(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        routing.requireRouting("stopping a pod");
        return PodView.of(lifecycle.stop(organisationOf(caller, Scope.PODS), id), null, null);
    }

    /** Starts a stopped pod again on its host (where its disk is); 409 with the reason when it cannot. */
    @Post(uri = "/{id}/start", produces = MediaType.APPLICATION_JSON)
    PodView start(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        routing.requireRouting("starting a pod");
        return PodView.of(lifecycle.start(organisationOf(caller, Scope.PODS), id), null, null);
    }

    /** Deletes the pod: TERMINATED, its GPUs and disk freed, nothing billed from now on. */
    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    PodView delete(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        routing.requireRouting("deleting a pod");
        return PodView.of(lifecycle.delete(organisationOf(caller, Scope.PODS), id), null, null);
    }

    /** Raises or lowers an interruptible pod's bid; a raise may preempt lower bids, a cut may preempt this pod. */
    @Put(uri = "/{id}/bid", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    PodView bid(@Parameter(hidden = true) Caller caller, @PathVariable String id, @Body BidRequest request) {
        routing.requireRouting("changing a bid");
        String orgId = organisationOf(caller, Scope.PODS);
        Map<String, String> errors = new LinkedHashMap<>();
        Money bid = PodRules.parseBid(request.bidPerGpuHour(), errors, "bid_per_gpu_hour");
        if (bid == null) {
            throw PodRules.invalid(errors);
        }
        return PodView.of(lifecycle.changeBid(orgId, id, bid), null, null);
    }

    /** Pods belong to an organisation; the operator key belongs to none. */
    private static String organisationOf(Caller caller, Scope scope) {
        caller.require(scope);
        if (caller.operator()) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "the operator key belongs to no organisation: call with one of the organisation's keys");
        }
        return caller.orgId();
    }
}
