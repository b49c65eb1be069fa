package dev.assay.api.offers;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Scope;
import dev.assay.api.hosts.HostDetail;
import dev.assay.api.hosts.HostReads;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.offers.OfferViews.GpuTypeList;
import dev.assay.api.offers.OfferViews.OfferDetailView;
import dev.assay.api.offers.OfferViews.OfferPage;
import dev.assay.api.offers.OfferViews.OfferView;
import dev.assay.api.offers.OfferViews.ScoreExplanationView;
import dev.assay.api.offers.OfferViews.SkuView;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.matching.inventory.GpuFacts;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.search.Offer;
import dev.assay.matching.search.OfferQuery;
import dev.assay.matching.search.OfferQueryParser;
import dev.assay.matching.search.OfferSearch;
import dev.assay.matching.search.QueryParseException;
import dev.assay.matching.search.SearchResult;
import dev.assay.reputation.score.AssayScore;
import dev.assay.reputation.score.MeasuredFigures;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The market as renters see it, open to any organisation's key with scope {@code read}: offer search in the
 * matching engine's query language over the in-memory index, one offer in depth, and the market per GPU
 * model. Offers come from ONLINE, listed, unexpired hosts with free GPUs only (the index holds no others).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "offers", description = "Search measured GPU offers and see the market per GPU model")
class OffersController {

    private final MarketIndex index;
    private final HostReads hosts;
    private final GpuTypes gpuTypes;
    private final JsonMapper json;
    private final OfferSearch search = new OfferSearch();

    OffersController(MarketIndex index, HostReads hosts, GpuTypes gpuTypes, JsonMapper json) {
        this.index = index;
        this.hosts = hosts;
        this.gpuTypes = gpuTypes;
        this.json = json;
    }

    /**
     * Searches offers.
     *
     * @param q     a query, e.g. {@code gpu_ram>=24 reliability>0.95 order by value desc}; empty: every offer
     * @param limit offers answered, 1 to 1000; overrides a {@code limit} in the query (default 50)
     */
    @Operation(summary = "Search offers with the query language (filters, order by, limit)")
    @ApiResponse(responseCode = "200", description = "the best offers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OfferPage.class)))
    @Get(uri = "/v1/offers", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> search(@Parameter(hidden = true) Caller caller, @QueryValue @Nullable String q,
            @QueryValue @Nullable String limit) {
        caller.require(Scope.READ);
        OfferQuery query = parse(q, limit);
        InventorySnapshot snapshot = index.snapshot();
        // The answer as written, remembered on the snapshot with the engine's own answer (SearchAnswerJson).
        SearchAnswerJson written = snapshot.derived(SearchAnswerJson.class, SearchAnswerJson::new);
        byte[] answer = written.get(query);
        if (answer == null) {
            answer = write(page(snapshot, query));
            written.remember(query, answer);
        }
        return HttpResponse.ok(answer).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private OfferPage page(InventorySnapshot snapshot, OfferQuery query) {
        // Early-stopping search over pre-sorted columns, remembered until the market changes (docs/benchmarks.md).
        SearchResult result = search.searchCached(snapshot, query);
        List<OfferView> offers = result.offers().stream()
                .map(o -> OfferView.of(o, snapshot.host(o.hostId()).orElseThrow())).toList();
        return new OfferPage(query.toString(), result.totalMatched(), result.totalMatchedExact(), offers);
    }

    private byte[] write(OfferPage page) {
        try {
            return json.writeValueAsBytes(page);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a search answer as JSON", e);
        }
    }

    @Operation(summary = "One offer with its score explanation, measured figures, reliability components and health")
    @Get(uri = "/v1/offers/{id}", produces = MediaType.APPLICATION_JSON)
    OfferDetailView offer(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        caller.require(Scope.READ);
        OfferIds.Parsed parsed = OfferIds.parse(id).orElseThrow(() -> notFound(id));
        Host host = index.snapshot().host(parsed.hostId()).orElseThrow(() -> notFound(id));
        // The engine sizes the offer exactly as search does: run it on this host alone.
        SearchResult sized = search.search(InventorySnapshot.of(List.of(host)),
                OfferQueryParser.parse("num_gpus=" + parsed.gpuCount() + " limit 1"));
        Offer offer = sized.offers().stream().findFirst().orElseThrow(() -> notFound(id));
        HostDetail detail = hosts.any(host.id()).orElseThrow(() -> notFound(id));
        GpuFacts gpu = host.gpus().getFirst();
        var explanation = AssayScore.explain(new MeasuredFigures(gpu.tflopsBf16(), gpu.memBandwidthGbps(),
                gpu.tflopsFp32(), gpu.pcieBandwidthGbps()));
        var sku = detail.gpus().isEmpty() ? java.util.Optional.<dev.assay.reputation.sku.GpuSku>empty()
                : dev.assay.reputation.sku.SkuCatalogue.bundled().find(detail.gpus().getFirst().skuId());
        return new OfferDetailView(OfferView.of(offer, host), ScoreExplanationView.of(explanation), detail.gpus(),
                detail.health(), detail.latestBenchmarks(), host.simulated(), sku.map(SkuView::of).orElse(null));
    }

    @Operation(summary = "Per GPU model: available GPUs, price percentiles, current winning bid, utilisation")
    @Get(uri = "/v1/gpu-types", produces = MediaType.APPLICATION_JSON)
    GpuTypeList gpuTypes(@Parameter(hidden = true) Caller caller) {
        caller.require(Scope.READ);
        return new GpuTypeList(gpuTypes.all());
    }

    private static OfferQuery parse(@Nullable String q, @Nullable String limit) {
        OfferQuery query;
        try {
            query = OfferQueryParser.parse(q == null ? "" : q);
        } catch (QueryParseException e) {
            throw new ApiProblem(ProblemType.VALIDATION, "the query cannot be read " + e.getMessage(),
                    Map.of("q", e.getMessage()));
        }
        if (limit == null || limit.isEmpty()) {
            return query;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= OfferQuery.MAX_LIMIT) {
                return new OfferQuery(query.filters(), query.order(), n);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String message = "must be a whole number from 1 to " + OfferQuery.MAX_LIMIT + ", was '" + limit + "'";
        throw new ApiProblem(ProblemType.VALIDATION, "limit " + message, Map.of("limit", message));
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(ProblemType.NOT_FOUND, "no offer " + id + " in the market now");
    }
}
