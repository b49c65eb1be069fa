package dev.assay.matching.search;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.pricing.Money;
import dev.assay.pricing.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

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
        List<SortKey> keys = query.order();
        // The heap's head is the worst offer kept, so a better one can replace it.
        PriorityQueue<Candidate.Snapshot> best = new PriorityQueue<>(query.limit() + 1, compiled.order.reversed());
        Candidate.Snapshot scratch = new Candidate.Snapshot(null, 0, new double[keys.size()], new String[keys.size()]);
        int matched = 0;
        for (String model : compiled.models()) {
            OfferColumns columns = snapshot.derivedForGpuModel(model, OfferColumns.class, OfferColumns::new).orElse(null);
            if (columns == null) {
                continue;
            }
            for (int i = 0, n = columns.size(); i < n; i++) {
                int size = compiled.offerSize(columns.freeGpus[i], columns.minGpusPerPod[i]);
                if (size == 0 || !compiled.matches(columns, i, size)) {
                    continue;
                }
                matched++;
                Candidate.Snapshot current = fill(scratch, columns, i, size, keys);
                if (best.size() < query.limit()) {
                    best.add(current.copy());
                } else if (compiled.order.compare(current, best.peek()) < 0) {
                    best.poll();
                    best.add(current.copy());
                }
            }
        }
        List<Candidate.Snapshot> ordered = new ArrayList<>(best);
        ordered.sort(compiled.order);
        List<Offer> offers = new ArrayList<>(ordered.size());
        for (Candidate.Snapshot s : ordered) {
            offers.add(offerOf(s.host(), s.gpuCount()));
        }
        return new SearchResult(offers, matched, query);
    }

    private static Candidate.Snapshot fill(Candidate.Snapshot scratch, OfferColumns columns, int i, int gpus,
            List<SortKey> keys) {
        for (int k = 0; k < keys.size(); k++) {
            OfferField field = keys.get(k).field();
            if (field.kind() == OfferField.Kind.TEXT) {
                scratch.texts()[k] = columns.texts(field)[i];
            } else {
                scratch.numbers()[k] = columns.number(field, i, gpus);
            }
        }
        return new Candidate.Snapshot(columns.hosts[i], gpus, scratch.numbers(), scratch.texts());
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
