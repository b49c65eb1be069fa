package dev.assay.matching.search;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.pricing.Money;
import dev.assay.pricing.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs offer queries over an inventory snapshot.
 *
 * <p>How it stays fast at 100 k hosts: the query is compiled once (numbers parsed, text normalised and
 * interned); when it names GPU models ({@code gpu_name=} or {@code in}) only those models are scanned; each
 * model's hosts are scanned as columns ({@link OfferColumns}: primitive arrays built once and kept by the
 * snapshot until that model changes), so the scan reads contiguous memory and allocates nothing per host;
 * and {@code order by … limit n} keeps a bounded heap of the best n instead of sorting every match.
 *
 * <p>Deterministic: ties in the sort keys are broken by host id. Stateless and thread-safe.
 */
public final class OfferSearch {

    public SearchResult search(InventorySnapshot snapshot, String query) {
        return search(snapshot, OfferQueryParser.parse(query));
    }

    public SearchResult search(InventorySnapshot snapshot, OfferQuery query) {
        CompiledQuery compiled = new CompiledQuery(query, snapshot);
        TopOffers top = new TopOffers(compiled, query);
        for (String model : compiled.models()) {
            OfferColumns columns = snapshot.derivedForGpuModel(model, OfferColumns.class, OfferColumns::new).orElse(null);
            if (columns == null || !compiled.mayMatch(columns)) {
                continue;
            }
            for (int i = 0, n = columns.size(); i < n; i++) {
                top.consider(columns, i);
            }
        }
        return new SearchResult(top.offers(), top.matched(), query);
    }

    /** {@link #searchTop(InventorySnapshot, OfferQuery)} of a query text. */
    public SearchResult searchTop(InventorySnapshot snapshot, String query) {
        return searchTop(snapshot, OfferQueryParser.parse(query));
    }

    /**
     * The same offers as {@link #search}, found without reading every host where the sort allows: each model's
     * hosts are walked in the order of the first sort key ({@link SortedOffers}, kept per model like the
     * columns), best first, and a model's walk stops once the list is full and no later host can beat the
     * worst offer kept. Queries that size offers ({@code num_gpus>=8}) read only the hosts with enough free
     * GPUs when those are few. The price: {@link SearchResult#totalMatched()} is then only the matches seen,
     * and {@link SearchResult#totalMatchedExact()} says so. Where the first key allows no bound (text,
     * num_gpus, no order), this is {@link #search}.
     */
    public SearchResult searchTop(InventorySnapshot snapshot, OfferQuery query) {
        CompiledQuery compiled = new CompiledQuery(query, snapshot);
        SortedOffers.Bound bound = query.order().isEmpty() ? null
                : SortedOffers.Bound.of(query.order().getFirst(), compiled.sizesToQuery(), compiled.minOfferSize());
        if (bound == null) {
            return search(snapshot, query);
        }
        List<SortedOffers> models = new ArrayList<>(compiled.models().size());
        for (String model : compiled.models()) {
            OfferColumns columns = snapshot.derivedForGpuModel(model, OfferColumns.class, OfferColumns::new).orElse(null);
            if (columns != null && compiled.mayMatch(columns)) {
                models.add(snapshot.derivedForGpuModel(model, SortedOffers.class, hosts -> new SortedOffers(columns))
                        .orElseThrow());
            }
        }
        // Models whose best host is best go first, so the others usually stop at their first host. Each
        // model's best bound is read once; an insertion sort (stable, as few as 8 models) costs less than a sort
        // of boxed indices.
        int count = models.size();
        double[] best = new double[count];
        int[] byBest = new int[count];
        for (int m = 0; m < count; m++) {
            double bestOfM = models.get(m).bestBound(bound);
            int at = m;
            while (at > 0 && bound.compareGoodness(bestOfM, best[at - 1]) > 0) {
                best[at] = best[at - 1];
                byBest[at] = byBest[at - 1];
                at--;
            }
            best[at] = bestOfM;
            byBest[at] = m;
        }
        TopOffers top = new TopOffers(compiled, query);
        boolean exact = true;
        int minSize = compiled.minOfferSize();
        for (int m : byBest) {
            exact &= models.get(m).walk(bound, minSize, compiled.maskFilters(), compiled.onlyHostLevelFilters(), top);
        }
        return new SearchResult(top.offers(), top.matched(), query, exact);
    }

    /** {@link #searchCached(InventorySnapshot, OfferQuery)} of a query text. */
    public SearchResult searchCached(InventorySnapshot snapshot, String query) {
        return searchCached(snapshot, OfferQueryParser.parse(query));
    }

    /**
     * {@link #searchTop}, remembered on the snapshot: the same query on the same snapshot is answered from
     * memory. Any market change makes a new snapshot and so a fresh answer; results are immutable.
     */
    public SearchResult searchCached(InventorySnapshot snapshot, OfferQuery query) {
        SearchAnswers answers = snapshot.derived(SearchAnswers.class, SearchAnswers::new);
        SearchResult known = answers.get(query);
        if (known != null) {
            return known;
        }
        SearchResult result = searchTop(snapshot, query);
        answers.remember(query, result);
        return result;
    }

    static Offer offerOf(Host host, int gpuCount) {
        HostOffer offer = host.offer().orElseThrow();
        List<Integer> indices = new ArrayList<>(gpuCount);
        for (int i = 0; i < host.gpuCount() && indices.size() < gpuCount; i++) {
            if (host.free().isFree(i)) {
                indices.add(i);
            }
        }
        Money perHour = offer.onDemandPerGpuHour().times(gpuCount);
        var gpu = host.gpus().getFirst();
        Value value = perHour.isPositive()
                ? Value.of(gpu.score(), gpuCount, perHour, gpu.tflopsBf16(), gpu.memBandwidthGbps(), gpu.vramGb())
                : new Value(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY);
        return new Offer(host.id(), host.gpuModel(), host.gpuDisplayName(), gpuCount, indices,
                offer.onDemandPerGpuHour(), perHour, offer.minimumBidPerGpuHour(), gpu.score(),
                gpu.score() * gpuCount, value, gpu.vramGb(), host.reliability(), host.uptime30d(), host.region(),
                host.datacenter(), host.geolocation(), host.tier(), host.verification(), host.simulated());
    }
}
