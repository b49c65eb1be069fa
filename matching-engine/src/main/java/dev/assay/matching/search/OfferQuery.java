package dev.assay.matching.search;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed offer query: filters (all must hold), sort keys (ties always end by host id) and a limit.
 * {@link #toString()} is the canonical query text, and parsing it gives back an equal query.
 */
public record OfferQuery(List<Filter> filters, List<SortKey> order, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    public static final List<SortKey> DEFAULT_ORDER = List.of(new SortKey(OfferField.VALUE, true));

    public OfferQuery {
        filters = List.copyOf(filters);
        order = order.isEmpty() ? DEFAULT_ORDER : List.copyOf(order);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Every offer, best value first. */
    public static OfferQuery all() {
        return new OfferQuery(List.of(), DEFAULT_ORDER, DEFAULT_LIMIT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(filters.stream().map(Filter::toString).collect(Collectors.joining(" ")));
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append("order by ").append(order.stream().map(SortKey::toString).collect(Collectors.joining(", ")));
        return text.append(" limit ").append(limit).toString();
    }
}
