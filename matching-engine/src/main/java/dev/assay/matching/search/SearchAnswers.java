package dev.assay.matching.search;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers already given on one snapshot, by query: renters repeat the same few queries (the console's default
 * listing, saved searches) far more often than the market changes. Kept by the snapshot
 * ({@code InventorySnapshot.derived}), so a market change starts a new, empty one. Bounded: once
 * {@value #MAX_ANSWERS} queries are remembered, further ones are answered but not kept.
 */
final class SearchAnswers {

    static final int MAX_ANSWERS = 1_024;

    private final ConcurrentHashMap<OfferQuery, SearchResult> byQuery = new ConcurrentHashMap<>();

    SearchResult get(OfferQuery query) {
        return byQuery.get(query);
    }

    void remember(OfferQuery query, SearchResult result) {
        if (byQuery.size() < MAX_ANSWERS) {
            byQuery.putIfAbsent(query, result);
        }
    }
}
