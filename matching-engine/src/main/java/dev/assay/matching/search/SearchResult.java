package dev.assay.matching.search;

import java.util.List;

/**
 * The offers of a search, best first, and how many offers matched before the limit cut the list.
 *
 * @param totalMatched every offer that matched when {@code totalMatchedExact}; otherwise a lower bound, the
 *     offers matched before {@link OfferSearch#searchTop} stopped early (the offers themselves are exact)
 * @param totalMatchedExact whether {@code totalMatched} counts every match
 */
public record SearchResult(List<Offer> offers, int totalMatched, OfferQuery query, boolean totalMatchedExact) {

    public SearchResult {
        offers = List.copyOf(offers);
    }

    /** A result whose count is exact. */
    public SearchResult(List<Offer> offers, int totalMatched, OfferQuery query) {
        this(offers, totalMatched, query, true);
    }
}
