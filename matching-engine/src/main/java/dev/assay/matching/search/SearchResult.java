package dev.assay.matching.search;

import java.util.List;

/**
 * The offers of a search, best first, and how many offers matched before the limit cut the list.
 */
public record SearchResult(List<Offer> offers, int totalMatched, OfferQuery query) {

    public SearchResult {
        offers = List.copyOf(offers);
    }
}
