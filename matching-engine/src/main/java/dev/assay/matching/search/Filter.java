package dev.assay.matching.search;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One term of a query: {@code field op value}, or {@code field in [a,b]}. Values are kept in canonical
 * form: numbers as plain decimals, text upper-cased with underscores for spaces, booleans as true/false.
 */
public record Filter(OfferField field, Comparison op, List<String> values) {

    public Filter {
        values = List.copyOf(values);
        if (values.isEmpty() || (!op.isList() && values.size() != 1)) {
            throw new IllegalArgumentException(op.symbol() + " takes " + (op.isList() ? "a list" : "one value"));
        }
    }

    @Override
    public String toString() {
        String value = op.isList() ? values.stream().collect(Collectors.joining(",", "[", "]")) : values.getFirst();
        return field.fieldName() + (op.isList() ? " " + op.symbol() + " " : op.symbol()) + value;
    }
}
