package dev.assay.matching.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One host-level field's bitsets over the positions of one sorted order of a model's rows ({@link SortedOffers}):
 * bit p is set when the row at position p has the reading the bitset stands for. A walk ANDs the bitsets of a
 * query's filters word by word and reads only the rows left, 64 positions per word, instead of testing every
 * row it passes: "verified, reliability above 0.98, cheapest first" otherwise reads ~30 rejects per match.
 *
 * <p>A bitset is a superset of the rows that pass a filter, never a subset, and the rows left are still tested
 * unless every bitset of the query says it is exact ({@link #addTerms}), so results do not depend on the masks. Text and true/false fields get one bitset per value (none when a field
 * has more than {@value #MAX_TEXT_VALUES} values in the model). Numbers and versions get cumulative bitsets
 * ("reading ≥ cut", "reading ≤ cut") at up to {@value #MAX_CUTS} cut points: every distinct reading when there
 * are that few (cuda_version, gpu_ram: exact), else quantiles of the model's readings, so a threshold narrows
 * the walk to the rows in its quantile and beyond.
 *
 * <p>Memory: one bit per row per text value, {@code 2 × cuts} bits per row for a number: at most 32 bits
 * (4 bytes) per host for each (order, field) pair a query has filtered on, built on first use and kept with
 * the order until the model's hosts change. Immutable once built.
 */
final class FieldMasks {

    static final int MAX_TEXT_VALUES = 64;
    static final int MAX_CUTS = 16;

    /** Text fields: value (interned) → positions holding it; null for numbers or too many values. */
    private final Map<String, long[]> byText;
    /** Number fields: ascending cut points, and per cut the positions reading at least / at most it. */
    private final double[] cuts;
    /** Whether every distinct reading is a cut, so the bitsets hold exactly the rows a threshold passes. */
    private final boolean exact;
    private final long[][] atLeast;
    private final long[][] atMost;

    private FieldMasks(Map<String, long[]> byText, double[] cuts, boolean exact, long[][] atLeast, long[][] atMost) {
        this.exact = exact;
        this.byText = byText;
        this.cuts = cuts;
        this.atLeast = atLeast;
        this.atMost = atMost;
    }

    /** The bitsets of {@code field} (host-level, not sized per offer) over the positions of {@code order}. */
    static FieldMasks of(OfferColumns columns, int[] order, OfferField field) {
        int rows = order.length;
        int words = words(rows);
        if (field.kind() == OfferField.Kind.TEXT) {
            String[] texts = columns.texts(field);
            Map<String, long[]> byText = new HashMap<>();
            for (int p = 0; p < rows; p++) {
                long[] bits = byText.computeIfAbsent(texts[order[p]], value -> new long[words]);
                bits[p >>> 6] |= 1L << p;
                if (byText.size() > MAX_TEXT_VALUES) {
                    return new FieldMasks(null, null, false, null, null);
                }
            }
            return new FieldMasks(byText, null, false, null, null);
        }
        double[] readings = columns.numbers(field);
        double[] sorted = new double[rows];
        for (int p = 0; p < rows; p++) {
            sorted[p] = readings[order[p]];
        }
        Arrays.sort(sorted);
        double[] distinct = distinct(sorted);
        double[] cuts = distinct != null ? distinct : quantiles(sorted);
        long[][] atLeast = new long[cuts.length][words];
        long[][] atMost = new long[cuts.length][words];
        for (int p = 0; p < rows; p++) {
            double reading = readings[order[p]];
            long bit = 1L << p;
            for (int c = 0; c < cuts.length; c++) {
                int compared = Double.compare(reading, cuts[c]);
                if (compared >= 0) {
                    atLeast[c][p >>> 6] |= bit;
                }
                if (compared <= 0) {
                    atMost[c][p >>> 6] |= bit;
                }
            }
        }
        return new FieldMasks(null, cuts, cuts == distinct, atLeast, atMost);
    }

    /** The distinct readings, least first, or null when there are more than {@link #MAX_CUTS}. */
    private static double[] distinct(double[] sorted) {
        double[] distinct = new double[MAX_CUTS];
        int count = 0;
        for (int p = 0; p < sorted.length; p++) {
            if (count == 0 || Double.compare(sorted[p], distinct[count - 1]) != 0) {
                if (count == MAX_CUTS) {
                    return null;
                }
                distinct[count++] = sorted[p];
            }
        }
        return Arrays.copyOf(distinct, count);
    }

    /** Up to {@link #MAX_CUTS} distinct quantiles of the readings, the least first. */
    private static double[] quantiles(double[] sorted) {
        double[] quantiles = new double[MAX_CUTS];
        for (int q = 0; q < MAX_CUTS; q++) {
            quantiles[q] = sorted[(int) ((long) q * sorted.length / MAX_CUTS)];
        }
        return Arrays.stream(quantiles).distinct().toArray();
    }

    static int words(int rows) {
        return (rows + 63) >>> 6;
    }

    /**
     * Adds to {@code terms} what narrows the walk for {@code filter}: nothing when the bitsets cannot narrow it
     * (a field with too many texts, {@code !=} or a list on a number, a threshold no cut narrows). A positive
     * text filter whose values the model lacks adds a term with no position.
     *
     * @return whether the rows left by the terms added are exactly those that pass {@code filter}
     */
    boolean addTerms(MaskFilter filter, List<Term> terms) {
        if (filter.texts() != null) {
            if (byText == null) {
                return false;
            }
            List<long[]> present = new ArrayList<>(filter.texts().length);
            for (String value : filter.texts()) {
                long[] bits = byText.get(value);
                if (bits != null) {
                    present.add(bits);
                }
            }
            boolean positive = filter.op() == Comparison.EQ || filter.op() == Comparison.IN;
            if (positive || !present.isEmpty()) {
                terms.add(new Term(present.toArray(long[][]::new), !positive));
            }
            return true;
        }
        double bound = filter.number();
        Comparison op = filter.op();
        if (op == Comparison.EQ) {
            addAtLeast(bound, Comparison.GE, terms);
            addAtMost(bound, Comparison.LE, terms);
        } else if (op == Comparison.GE || op == Comparison.GT) {
            addAtLeast(bound, op, terms);
        } else if (op == Comparison.LE || op == Comparison.LT) {
            addAtMost(bound, op, terms);
        } else {
            return false;
        }
        return exact;
    }

    /**
     * Readings ≥ (or >) bound. Where every reading is a cut, that is exactly "≥ the least cut that passes" (or
     * no row); else the rows are among "≥ the greatest cut not above bound" (the least cut is every row's floor).
     */
    private void addAtLeast(double bound, Comparison op, List<Term> terms) {
        if (exact) {
            for (int c = 0; c < cuts.length; c++) {
                if (op.holds(Double.compare(cuts[c], bound))) {
                    if (c > 0) {
                        terms.add(new Term(new long[][] {atLeast[c]}, false));
                    }
                    return;
                }
            }
            terms.add(Term.NOTHING);
            return;
        }
        for (int c = cuts.length - 1; c > 0; c--) {
            if (Double.compare(cuts[c], bound) <= 0) {
                terms.add(new Term(new long[][] {atLeast[c]}, false));
                return;
            }
        }
    }

    /** Readings ≤ (or <) bound: the mirror of {@link #addAtLeast}. */
    private void addAtMost(double bound, Comparison op, List<Term> terms) {
        int last = cuts.length - 1;
        if (exact) {
            for (int c = last; c >= 0; c--) {
                if (op.holds(Double.compare(cuts[c], bound))) {
                    if (c < last) {
                        terms.add(new Term(new long[][] {atMost[c]}, false));
                    }
                    return;
                }
            }
            terms.add(Term.NOTHING);
            return;
        }
        for (int c = 0; c < cuts.length; c++) {
            if (Double.compare(cuts[c], bound) >= 0) {
                terms.add(new Term(new long[][] {atMost[c]}, false));
                return;
            }
        }
    }

    /** One filter's bitsets for a walk: the OR of {@code any}, complemented when {@code negate}. */
    record Term(long[][] any, boolean negate) {

        /** No position: a threshold no reading passes, or a positive text filter on texts the model lacks. */
        static final Term NOTHING = new Term(new long[0][], false);

        long word(int w) {
            long bits = 0;
            for (long[] set : any) {
                bits |= set[w];
            }
            return negate ? ~bits : bits;
        }
    }

    /** A host-level filter with its values parsed once per query: texts interned, or one number. */
    record MaskFilter(OfferField field, Comparison op, String[] texts, double number) {}
}
