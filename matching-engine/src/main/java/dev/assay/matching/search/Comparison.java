package dev.assay.matching.search;

/** The operators of a filter term. */
public enum Comparison {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("notin");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    boolean isList() {
        return this == IN || this == NOT_IN;
    }

    static java.util.Optional<Comparison> bySymbol(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol) || (c == EQ && symbol.equals("=="))) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    boolean holds(int compared) {
        return switch (this) {
            case EQ, IN -> compared == 0;
            case NE, NOT_IN -> compared != 0;
            case LT -> compared < 0;
            case LE -> compared <= 0;
            case GT -> compared > 0;
            case GE -> compared >= 0;
        };
    }
}
