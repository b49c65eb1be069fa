package dev.assay.matching.search;

/** One key of {@code order by}. */
public record SortKey(OfferField field, boolean descending) {

    @Override
    public String toString() {
        return field.fieldName() + (descending ? " desc" : " asc");
    }
}
