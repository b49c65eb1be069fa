package dev.assay.api.hosts;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Scope;
import dev.assay.api.hosts.HostViews.CreateTokenRequest;
import dev.assay.api.hosts.HostViews.CreatedTokenView;
import dev.assay.api.hosts.HostViews.EarningsView;
import dev.assay.api.hosts.HostViews.HostPage;
import dev.assay.api.hosts.HostViews.OfferRequest;
import dev.assay.api.hosts.HostViews.PodEarningsView;
import dev.assay.api.hosts.HostViews.PriceAdviceView;
import dev.assay.api.hosts.HostViews.TokenList;
import dev.assay.api.hosts.HostViews.TokenView;
import dev.assay.api.json.MoneyView;
import dev.assay.api.market.MarketClock;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.api.problem.RequestValues;
import dev.assay.matching.inventory.Tier;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/hosts}: a host organisation's machines, their enrollment tokens, offers, earnings and price
 * advice. Scope {@code hosts} to change anything, {@code read} to look. Every query is scoped to the caller's
 * organisation: another organisation's host answers 404, as does an id that does not exist. Rights are
 * checked before the request is read; a refused request writes nothing.
 */
@Controller("/v1/hosts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "hosts", description = "Machines, enrollment tokens, offers, earnings and price advice of a host organisation")
class HostsController {

    private final HostRegistry registry;
    private final HostReads reads;
    private final EnrollmentTokens tokens;
    private final HostEarnings earnings;
    private final PriceAdviceService advice;
    private final MarketClock clock;

    HostsController(HostRegistry registry, HostReads reads, EnrollmentTokens tokens, HostEarnings earnings,
            PriceAdviceService advice, MarketClock clock) {
        this.registry = registry;
        this.reads = reads;
        this.tokens = tokens;
        this.earnings = earnings;
        this.advice = advice;
        this.clock = clock;
    }

    @Operation(summary = "Create a one-use enrollment token (shown once; only its SHA-256 is stored)")
    @Post(uri = "/enrollment-tokens", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<CreatedTokenView> createToken(@Parameter(hidden = true) Caller caller,
            @Body @Nullable CreateTokenRequest request) {
        String orgId = organisationOf(caller, Scope.HOSTS);
        Integer hours = request == null ? null : request.expiresInHours();
        Duration lifetime = EnrollmentTokens.DEFAULT_LIFETIME;
        if (hours != null) {
            if (hours < 1 || hours > EnrollmentTokens.MAX_LIFETIME.toHours()) {
                String message = "must be within 1.." + EnrollmentTokens.MAX_LIFETIME.toHours() + ", was " + hours;
                throw new ApiProblem(ProblemType.VALIDATION, "expires_in_hours " + message,
                        Map.of("expires_in_hours", message));
            }
            lifetime = Duration.ofHours(hours);
        }
        var created = tokens.create(orgId, lifetime, placement(request)).orElseThrow(() -> new ApiProblem(ProblemType.CONFLICT,
                "this organisation already has " + EnrollmentTokens.MAX_ACTIVE
                        + " unused enrollment tokens: use or let some expire first"));
        return HttpResponse.created(CreatedTokenView.of(created)).header("Cache-Control", "no-store");
    }

    /** Where the machine stands, from the token request; fields left out take {@link HostPlacement#UNSPECIFIED}'s. */
    private static HostPlacement placement(@Nullable CreateTokenRequest request) {
        HostPlacement unspecified = HostPlacement.UNSPECIFIED;
        if (request == null) {
            return unspecified;
        }
        Tier tier = unspecified.tier();
        if (request.tier() != null) {
            try {
                tier = Tier.valueOf(request.tier());
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(ProblemType.VALIDATION, "tier must be COMMUNITY or SECURE, was " + request.tier(),
                        Map.of("tier", "must be COMMUNITY or SECURE"));
            }
        }
        return new HostPlacement(request.name() == null ? unspecified.name() : request.name(), tier,
                request.region() == null ? unspecified.region() : request.region(),
                request.datacenter() == null ? unspecified.datacenter() : request.datacenter(),
                request.geolocation() == null ? unspecified.geolocation() : request.geolocation());
    }

    @Operation(summary = "The organisation's enrollment tokens, newest first (never the token itself)")
    @Get(uri = "/enrollment-tokens", produces = MediaType.APPLICATION_JSON)
    TokenList listTokens(@Parameter(hidden = true) Caller caller) {
        String orgId = organisationOf(caller, Scope.READ);
        Instant now = clock.now();
        return new TokenList(tokens.list(orgId).stream().map(t -> TokenView.of(t, now)).toList());
    }

    /**
     * The organisation's hosts, by id.
     *
     * @param limit  hosts per page, 1 to 200 (default 50)
     * @param cursor {@code next_cursor} of the previous page
     */
    @Operation(summary = "The organisation's hosts, by id, a page at a time")
    @Get(produces = MediaType.APPLICATION_JSON)
    HostPage list(@Parameter(hidden = true) Caller caller, @QueryValue @Nullable String limit,
            @QueryValue @Nullable String cursor) {
        String orgId = organisationOf(caller, Scope.READ);
        int size = RequestValues.limit(limit, 50, HostReads.MAX_PAGE);
        List<HostDetail> page = reads.page(orgId, Optional.ofNullable(cursor).filter(c -> !c.isEmpty()), size + 1);
        String next = page.size() > size ? page.get(size - 1).id() : null;
        return new HostPage(page.size() > size ? page.subList(0, size) : page, next);
    }

    @Operation(summary = "One host: machine, GPUs with scores, verification, health, latest benchmark verdicts, offer")
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    HostDetail get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        return host(organisationOf(caller, Scope.READ), id);
    }

    @Operation(summary = "List the machine (or change its offer): prices, minimum GPUs per pod, available until")
    @Put(uri = "/{id}/offer", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HostDetail putOffer(@Parameter(hidden = true) Caller caller, @PathVariable String id,
            @Body @Nullable OfferRequest request) {
        String orgId = organisationOf(caller, Scope.HOSTS);
        host(orgId, id);
        registry.listOffer(orgId, id, terms(request));
        return host(orgId, id);
    }

    @Operation(summary = "Take the machine off the market (its running pods are not touched)")
    @Delete(uri = "/{id}/offer")
    HttpResponse<Void> deleteOffer(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        String orgId = organisationOf(caller, Scope.HOSTS);
        host(orgId, id);
        registry.unlist(orgId, id);
        return HttpResponse.noContent();
    }

    /**
     * What the host earned, from the ledger.
     *
     * @param from  only periods starting at or after this instant (ISO-8601)
     * @param to    only periods ending at or before this instant
     * @param limit pods listed, most recent first, 1 to 200 (default 50); the total covers every pod
     */
    @Operation(summary = "The host's earnings from the ledger: total and per pod, most recent first")
    @Get(uri = "/{id}/earnings", produces = MediaType.APPLICATION_JSON)
    EarningsView earnings(@Parameter(hidden = true) Caller caller, @PathVariable String id,
            @QueryValue @Nullable String from, @QueryValue @Nullable String to, @QueryValue @Nullable String limit) {
        String orgId = organisationOf(caller, Scope.READ);
        HostDetail host = host(orgId, id);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Instant> since = RequestValues.instant("from", from, errors);
        Optional<Instant> until = RequestValues.instant("to", to, errors);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            errors.put("to", "must be after from");
        }
        HostRules.fail("the earnings window is invalid", errors);
        var result = earnings.of(orgId, id, since, until,
                RequestValues.limit(limit, HostEarnings.DEFAULT_PODS, HostEarnings.MAX_PODS));
        return new EarningsView(id, from, to, MoneyView.of(result.total()), result.pods(),
                result.recentPods().stream().map(PodEarningsView::of).toList(), host.simulated());
    }

    /**
     * A suggested on-demand price for the host from the current market for its GPU model.
     *
     * @param targetUtilisation the share of its GPUs the host would like rented, 0 to 1 (default 0.8)
     */
    @Operation(summary = "Suggested on-demand price per GPU-hour for the host's GPU model, with typed reasons")
    @Get(uri = "/{id}/price-advice", produces = MediaType.APPLICATION_JSON)
    PriceAdviceView priceAdvice(@Parameter(hidden = true) Caller caller, @PathVariable String id,
            @QueryValue("target_utilisation") @Nullable String targetUtilisation) {
        HostDetail host = host(organisationOf(caller, Scope.READ), id);
        double target = PriceAdviceService.DEFAULT_TARGET_UTILISATION;
        if (targetUtilisation != null) {
            try {
                target = Double.parseDouble(targetUtilisation);
            } catch (NumberFormatException e) {
                target = Double.NaN;
            }
            if (!(target >= 0 && target <= 1)) {
                String message = "must be a number from 0 to 1, was '" + targetUtilisation + "'";
                throw new ApiProblem(ProblemType.VALIDATION, "target_utilisation " + message,
                        Map.of("target_utilisation", message));
            }
        }
        if (host.gpus().isEmpty()) {
            throw new ApiProblem(ProblemType.CONFLICT, "host " + id + " has reported no GPUs yet: nothing to price");
        }
        return PriceAdviceView.of(host, target, advice.advise(host.gpuModel(), target));
    }

    private HostDetail host(String orgId, String id) {
        return reads.ofOrganisation(orgId, id).orElseThrow(
                () -> new ApiProblem(ProblemType.NOT_FOUND, "no host " + id + " in this organisation"));
    }

    private static OfferTerms terms(@Nullable OfferRequest request) {
        if (request == null) {
            throw new ApiProblem(ProblemType.VALIDATION, "the offer is required",
                    Map.of("on_demand_per_gpu_hour", "required", "min_bid_per_gpu_hour", "required",
                            "min_gpus_per_pod", "required", "storage_per_gb_month", "required"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Money onDemand = RequestValues.money("on_demand_per_gpu_hour", request.onDemandPerGpuHour(), errors);
        Money minBid = RequestValues.money("min_bid_per_gpu_hour", request.minBidPerGpuHour(), errors);
        Money storage = RequestValues.money("storage_per_gb_month", request.storagePerGbMonth(), errors);
        if (request.minGpusPerPod() == null) {
            errors.put("min_gpus_per_pod", "required: the smallest pod, in GPUs");
        }
        Optional<Instant> until = RequestValues.instant("available_until", request.availableUntil(), errors);
        HostRules.fail("the offer is invalid", errors);
        return new OfferTerms(onDemand, minBid, storage, request.minGpusPerPod(), until);
    }

    /** A host organisation's resources need one of its keys; the operator key belongs to none. */
    private static String organisationOf(Caller caller, Scope scope) {
        caller.require(scope);
        if (caller.operator()) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "the operator key belongs to no organisation: call with one of the organisation's keys");
        }
        return caller.orgId();
    }
}
