package dev.assay.matching.search;

/** A query that cannot be read: names the term, where it starts, and what was expected there. */
public final class QueryParseException extends IllegalArgumentException {

    private final String term;
    private final int position;

    QueryParseException(String term, int position, String problem) {
        super("at " + position + ", '" + term + "': " + problem);
        this.term = term;
        this.position = position;
    }

    public String term() {
        return term;
    }

    public int position() {
        return position;
    }
}
