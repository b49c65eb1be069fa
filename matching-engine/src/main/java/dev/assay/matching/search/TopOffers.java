package dev.assay.matching.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code limit} offers seen so far, kept sorted (best first) so that the worst is the last and the
 * list needs no sort at the end; and how many offers matched. One per search; not thread-safe.
 *
 * <p>Why it looks like this: a search keeps up to {@code limit} offers out of thousands of rows, and at a few
 * microseconds per search, one object per kept offer was a third of the time. So each kept offer is a slot in
 * a few flat arrays (its sort key readings, row, size), allocated once per search, and the sorted list is an
 * array of slot numbers. A sorted walk hands offers over nearly in order, so most insertions append after one
 * comparison; any other lands by binary search and an array copy of at most {@link OfferQuery#MAX_LIMIT} ints.
 * Order: the query's sort keys, then host id.
 */
final class TopOffers {

    private final CompiledQuery compiled;
    private final int limit;
    private final OfferField[] fields;
    private final boolean[] text;
    private final boolean[] descending;
    private final int keys;
    /** Slot s's readings of key k at {@code s × keys + k}: numbers, or texts for text keys. */
    private final double[] numbers;
    private final String[] texts;
    private final OfferColumns[] columnsOf;
    private final int[] rowOf;
    private final int[] sizeOf;
    /** Slots best first; {@code sorted[count - 1]} is the worst kept. */
    private final int[] sorted;
    private int count;
    /** The slot the next row is read into: the one spare slot, or the one the last eviction freed. */
    private int spare;
    private int matched;

    TopOffers(CompiledQuery compiled, OfferQuery query) {
        this.compiled = compiled;
        this.limit = query.limit();
        List<SortKey> order = query.order();
        keys = order.size();
        fields = new OfferField[keys];
        text = new boolean[keys];
        descending = new boolean[keys];
        boolean anyText = false;
        for (int k = 0; k < keys; k++) {
            fields[k] = order.get(k).field();
            text[k] = fields[k].kind() == OfferField.Kind.TEXT;
            descending[k] = order.get(k).descending();
            anyText |= text[k];
        }
        int slots = limit + 1;
        numbers = new double[slots * keys];
        texts = anyText ? new String[slots * keys] : null;
        columnsOf = new OfferColumns[slots];
        rowOf = new int[slots];
        sizeOf = new int[slots];
        sorted = new int[limit];
        spare = 0;
    }

    /** Row {@code i} of {@code columns}: counted and kept if it is an offer of the query and among the best. */
    void consider(OfferColumns columns, int i) {
        int size = compiled.offerSize(columns.freeGpus[i], columns.minGpusPerPod[i]);
        if (size == 0 || !compiled.matches(columns, i, size)) {
            return;
        }
        keep(columns, i, size);
    }

    /** {@link #consider} for a row known to pass every filter but the offer's size. */
    void considerPassing(OfferColumns columns, int i) {
        int size = compiled.offerSize(columns.freeGpus[i], columns.minGpusPerPod[i]);
        if (size != 0) {
            keep(columns, i, size);
        }
    }

    private void keep(OfferColumns columns, int i, int size) {
        matched++;
        int slot = spare;
        fill(slot, columns, i, size);
        int evicted = -1;
        if (count == limit) {
            if (compare(slot, sorted[count - 1]) >= 0) {
                return;
            }
            evicted = sorted[--count];
        }
        int at = count;
        if (count > 0 && compare(slot, sorted[count - 1]) < 0) {
            int low = 0;
            int high = count - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (compare(sorted[mid], slot) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            at = low;
            System.arraycopy(sorted, at, sorted, at + 1, count - at);
        }
        sorted[at] = slot;
        count++;
        spare = evicted >= 0 ? evicted : count;
    }

    /** Whether {@code limit} offers are kept, so only a better one gets in. */
    boolean full() {
        return count >= limit;
    }

    /** The first sort key's reading of the worst offer kept; call only when {@link #full()} and sorted by a number. */
    double worstFirstKey() {
        return numbers[sorted[count - 1] * keys];
    }

    int matched() {
        return matched;
    }

    /** The kept offers, best first. */
    List<Offer> offers() {
        List<Offer> offers = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int slot = sorted[k];
            offers.add(columnsOf[slot].offer(rowOf[slot], sizeOf[slot]));
        }
        return offers;
    }

    private void fill(int slot, OfferColumns columns, int i, int gpus) {
        int base = slot * keys;
        for (int k = 0; k < keys; k++) {
            if (text[k]) {
                texts[base + k] = columns.texts(fields[k])[i];
            } else {
                numbers[base + k] = columns.number(fields[k], i, gpus);
            }
        }
        columnsOf[slot] = columns;
        rowOf[slot] = i;
        sizeOf[slot] = gpus;
    }

    /** Negative when slot {@code a}'s offer sorts before slot {@code b}'s. */
    private int compare(int a, int b) {
        int baseA = a * keys;
        int baseB = b * keys;
        for (int k = 0; k < keys; k++) {
            int order = text[k] ? texts[baseA + k].compareTo(texts[baseB + k])
                    : Double.compare(numbers[baseA + k], numbers[baseB + k]);
            if (order != 0) {
                return descending[k] ? -order : order;
            }
        }
        return columnsOf[a].hosts[rowOf[a]].id().compareTo(columnsOf[b].hosts[rowOf[b]].id());
    }
}
