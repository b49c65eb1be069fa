package dev.assay.matching.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One GPU model's offer rows ({@link OfferColumns}) in sorted orders, for {@link OfferSearch#searchTop}: by
 * free GPUs (so a query for 8-GPU offers reads only the hosts with 8 free), and, built on first use, by each
 * sort key a query has asked for. Kept by the snapshot per model, like the columns, until the model's hosts
 * change. Thread-safe: orders and bitsets are computed at most a few times when threads race, and never change.
 */
final class SortedOffers {

    /** Reading only the hosts with enough free GPUs pays when they are at most this share of the model. */
    private static final int FEW_ENOUGH_FREE_DIVISOR = 8;

    private final OfferColumns columns;
    private final int[] byFree;
    private final int[] firstWithFree;
    private static final int FIELDS = OfferField.values().length;
    /** Orders by {@link Bound.Key#slot()}: an array index, not a map lookup, since a search asks once per model. */
    private final AtomicReferenceArray<int[]> orders = new AtomicReferenceArray<>(Bound.Key.SLOTS);
    /** Bitsets by order slot × {@link #FIELDS} + the filtered field's ordinal. */
    private final AtomicReferenceArray<FieldMasks> masks = new AtomicReferenceArray<>(Bound.Key.SLOTS * FIELDS);

    SortedOffers(OfferColumns columns) {
        this.columns = columns;
        // A counting sort (free GPU counts are small), stable: rows of equal count stay in row order.
        int n = columns.size();
        int mostFree = 0;
        for (int i = 0; i < n; i++) {
            mostFree = Math.max(mostFree, columns.freeGpus[i]);
        }
        firstWithFree = new int[mostFree + 2];
        for (int i = 0; i < n; i++) {
            firstWithFree[columns.freeGpus[i] + 1]++;
        }
        for (int free = 1; free < firstWithFree.length; free++) {
            firstWithFree[free] += firstWithFree[free - 1];
        }
        byFree = new int[n];
        int[] next = Arrays.copyOf(firstWithFree, firstWithFree.length);
        for (int i = 0; i < n; i++) {
            byFree[next[columns.freeGpus[i]]++] = i;
        }
    }

    /** The bound of the row the walk for {@code bound} reads first: no host of the model does better. */
    double bestBound(Bound bound) {
        int[] order = order(bound);
        if (order.length == 0) {
            return bound.descending() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return bound.of(columns, bound.descending() ? order[order.length - 1] : order[0]);
    }

    /**
     * Offers the model's rows that have a free GPU to {@code top}: only those with at least {@code minSize} free
     * GPUs when they are few; else in the order of {@code bound}, best first, skipping the positions that the
     * {@link FieldMasks} of {@code filters} rule out, until no later row can beat the worst offer {@code top}
     * keeps. Where the query's filters are all {@code hostLevelOnly} and their bitsets exact, the rows left pass
     * them and are not tested again.
     *
     * @return whether every row that could match was read (so the match count is exact)
     */
    boolean walk(Bound bound, int minSize, List<FieldMasks.MaskFilter> filters, boolean hostLevelOnly, TopOffers top) {
        int n = columns.size();
        int from = minSize < firstWithFree.length ? firstWithFree[minSize] : n;
        if (minSize > 1 && (n - from) * FEW_ENOUGH_FREE_DIVISOR <= n) {
            for (int j = from; j < n; j++) {
                top.consider(columns, byFree[j]);
            }
            return true;
        }
        int[] order = order(bound);
        if (order.length == 0 || top.full()
                && bound.cannotBeat(bound.of(columns, order[bound.descending() ? order.length - 1 : 0]), top.worstFirstKey())) {
            // The usual case for all models but the first: nothing here can beat the list; no bitsets to look up.
            return order.length == 0;
        }
        List<FieldMasks.Term> terms = new ArrayList<>(filters.size() + 1);
        boolean exact = hostLevelOnly;
        for (FieldMasks.MaskFilter filter : filters) {
            exact &= masks(bound.key(), order, filter.field()).addTerms(filter, terms);
        }
        return terms.isEmpty() ? walkEvery(order, bound, top)
                : walkMasked(order, bound, terms.toArray(FieldMasks.Term[]::new), exact, top);
    }

    private boolean walkEvery(int[] order, Bound bound, TopOffers top) {
        int rows = order.length;
        for (int j = 0; j < rows; j++) {
            int i = order[bound.descending() ? rows - 1 - j : j];
            if (top.full() && bound.cannotBeat(bound.of(columns, i), top.worstFirstKey())) {
                return false;
            }
            top.consider(columns, i);
        }
        return true;
    }

    /**
     * {@link #walkEvery} reading only the positions whose bits survive the AND of {@code terms}, 64 at a time;
     * a word's first position (in walk order) is checked against the bound before its rows, so a walk whose
     * candidates are sparse still stops where the full walk would. {@code passing}: the bits are exactly the
     * rows that pass the filters.
     */
    private boolean walkMasked(int[] order, Bound bound, FieldMasks.Term[] terms, boolean passing, TopOffers top) {
        int rows = order.length;
        int words = FieldMasks.words(rows);
        boolean descending = bound.descending();
        long lastWord = (rows & 63) == 0 ? -1L : (1L << rows) - 1;
        for (int step = 0; step < words; step++) {
            int w = descending ? words - 1 - step : step;
            int first = descending ? Math.min(rows - 1, (w << 6) + 63) : w << 6;
            if (top.full() && bound.cannotBeat(bound.of(columns, order[first]), top.worstFirstKey())) {
                return false;
            }
            long bits = w == words - 1 ? lastWord : -1L;
            for (int t = 0; t < terms.length && bits != 0; t++) {
                bits &= terms[t].word(w);
            }
            while (bits != 0) {
                int bit = descending ? 63 - Long.numberOfLeadingZeros(bits) : Long.numberOfTrailingZeros(bits);
                bits &= ~(1L << bit);
                int i = order[(w << 6) + bit];
                if (top.full() && bound.cannotBeat(bound.of(columns, i), top.worstFirstKey())) {
                    return false;
                }
                if (passing) {
                    top.considerPassing(columns, i);
                } else {
                    top.consider(columns, i);
                }
            }
        }
        return true;
    }

    private FieldMasks masks(Bound.Key key, int[] order, OfferField field) {
        int slot = key.slot() * FIELDS + field.ordinal();
        FieldMasks known = masks.get(slot);
        if (known == null) {
            // Racing threads may both build them; they are equal and immutable, so either is right.
            known = FieldMasks.of(columns, order, field);
            masks.compareAndSet(slot, null, known);
        }
        return known;
    }

    private int[] order(Bound bound) {
        Bound.Key key = bound.key();
        int[] known = orders.get(key.slot());
        if (known == null) {
            // Rows with no free GPU (or no offer: their free count reads 0) are never offers: left out.
            known = sortedBy(key, Arrays.copyOfRange(byFree, firstWithFree[1], byFree.length));
            if (!orders.compareAndSet(key.slot(), null, known)) {
                known = orders.get(key.slot());
            }
        }
        return known;
    }

    /**
     * {@code rows} stably sorted by {@code key}'s reading (as {@link Double#compare} orders them): a merge sort on
     * primitives, since a market change rebuilds the orders of the model that changed, and sorting boxed indices
     * through a comparator took 13–55 ms for a model of 12 k hosts.
     */
    private int[] sortedBy(Bound.Key key, int[] rows) {
        int n = rows.length;
        double[] readings = new double[n];
        for (int j = 0; j < n; j++) {
            readings[j] = key.sortValue(columns, rows[j]);
        }
        int[] from = new int[n];
        for (int j = 0; j < n; j++) {
            from[j] = j;
        }
        int[] to = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int low = 0; low < n; low += 2 * width) {
                int mid = Math.min(low + width, n);
                int high = Math.min(low + 2 * width, n);
                int a = low;
                int b = mid;
                for (int k = low; k < high; k++) {
                    // Equal readings take the left run first: stable.
                    to[k] = b >= high || (a < mid && Double.compare(readings[from[a]], readings[from[b]]) <= 0)
                            ? from[a++] : from[b++];
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        int[] sorted = new int[n];
        for (int j = 0; j < n; j++) {
            sorted[j] = rows[from[j]];
        }
        return sorted;
    }

    /**
     * What a walk may assume about the first sort key of any offer a row can give: a bound at least as good
     * as its reading (equal where the reading does not depend on the offer's size).
     */
    record Bound(Key key, boolean descending, int minSize) {

        /** What rows are sorted by. */
        enum Basis {
            /** A host-level field: the bound is the reading itself. */
            FIELD,
            /** Price of all the host's free GPUs: the price of an unsized offer, the most a sized one costs. */
            PRICE_OF_FREE,
            /** Price per GPU: a sized offer costs at least this × the query's smallest offer size. */
            PRICE_PER_GPU,
            /** Score ÷ price per GPU: the offer's value to the last bits, whatever its size. */
            VALUE
        }

        /** An order kept per model: the basis, and the field for {@link Basis#FIELD}. */
        record Key(Basis basis, OfferField field) {
            /** How many orders a model can keep: one per basis other than FIELD, one per field. */
            static final int SLOTS = Basis.values().length - 1 + OfferField.values().length;

            /** This order's index among {@link #SLOTS}. */
            int slot() {
                return basis == Basis.FIELD ? Basis.values().length - 1 + field.ordinal() : basis.ordinal() - 1;
            }

            double sortValue(OfferColumns c, int i) {
                return switch (basis) {
                    case FIELD -> c.numbers(field)[i];
                    case PRICE_OF_FREE -> (c.pricePerGpuMicros[i] * c.freeGpus[i]) / 1_000_000.0;
                    case PRICE_PER_GPU -> c.pricePerGpuMicros[i];
                    case VALUE -> c.pricePerGpuMicros[i] == 0 ? Double.POSITIVE_INFINITY
                            : c.scorePerGpu[i] / (c.pricePerGpuMicros[i] / 1_000_000.0);
                };
            }
        }

        /**
         * Value computed as score × n ÷ (price × n) differs from score ÷ price only in its last bits; this
         * relative margin keeps the bound on the safe side of it.
         */
        private static final double VALUE_MARGIN = 1e-9;

        /** The bound for {@code key}'s field, or null where none applies (text, num_gpus). */
        static Bound of(SortKey key, boolean sized, int minSize) {
            OfferField field = key.field();
            if (field.kind() == OfferField.Kind.TEXT) {
                return null;
            }
            Basis basis;
            if (!field.dependsOnOfferSize()) {
                basis = Basis.FIELD;
            } else if (field == OfferField.PRICE) {
                basis = !sized || key.descending() ? Basis.PRICE_OF_FREE : Basis.PRICE_PER_GPU;
            } else if (field == OfferField.VALUE) {
                basis = Basis.VALUE;
            } else {
                return null;
            }
            return new Bound(new Key(basis, basis == Basis.FIELD ? field : null), key.descending(), minSize);
        }

        /** The bound of row {@code i}: no offer of the row has a better first-key reading. */
        double of(OfferColumns c, int i) {
            return switch (key.basis()) {
                case FIELD, PRICE_OF_FREE -> key.sortValue(c, i);
                case PRICE_PER_GPU -> (c.pricePerGpuMicros[i] * minSize) / 1_000_000.0;
                case VALUE -> key.sortValue(c, i) * (descending ? 1 + VALUE_MARGIN : 1 - VALUE_MARGIN);
            };
        }

        /** Whether a row bounded by {@code bound} sorts strictly after an offer reading {@code worst}. */
        boolean cannotBeat(double bound, double worst) {
            int order = Double.compare(bound, worst);
            return descending ? order < 0 : order > 0;
        }

        /** Positive when {@code a} is the better bound, negative when {@code b} is. */
        int compareGoodness(double a, double b) {
            return descending ? Double.compare(a, b) : Double.compare(b, a);
        }
    }
}
