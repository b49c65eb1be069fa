package dev.assay.api.offers;

import dev.assay.matching.search.OfferQuery;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Search answers as the JSON bytes sent, by query, for one market snapshot. The matching engine already
 * remembers each query's offers on the snapshot ({@code OfferSearch.searchCached}); under load the cost left was
 * writing the same answer as JSON again for every request (a third of the server's CPU per search in the JFR
 * look of docs/benchmarks.md, issue [7]). An answer is a pure function of the snapshot and the query, so it is
 * kept on the snapshot ({@code InventorySnapshot.derived}) and a market change starts an empty one: never stale.
 * Bounded like the engine's answers: past {@value #MAX_ANSWERS} queries, answers are written but not kept.
 */
final class SearchAnswerJson {

    static final int MAX_ANSWERS = 1_024;

    private final ConcurrentHashMap<OfferQuery, byte[]> byQuery = new ConcurrentHashMap<>();

    /** The bytes written for {@code query}, or null. Callers must not change the array. */
    byte[] get(OfferQuery query) {
        return byQuery.get(query);
    }

    void remember(OfferQuery query, byte[] json) {
        if (byQuery.size() < MAX_ANSWERS) {
            byQuery.putIfAbsent(query, json);
        }
    }
}
