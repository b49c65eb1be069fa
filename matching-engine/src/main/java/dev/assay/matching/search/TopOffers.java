package dev.assay.matching.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code limit} offers seen so far, kept sorted (best first) so that the worst is the last and the
 * list needs no sort at the end; and how many offers matched. A sorted walk hands offers over nearly in
 * order, so most insertions append after one comparison; any other lands by binary search and an array
 * copy of at most {@link OfferQuery#MAX_LIMIT} references. One per search; not thread-safe.
 */
final class TopOffers {

    private final CompiledQuery compiled;
    private final List<SortKey> keys;
    private final int limit;
    /** Best first; {@code kept[count - 1]} is the worst kept. */
    private final Candidate.Snapshot[] kept;
    private int count;
    /** The row being considered; swapped with the evicted worst, so a search allocates at most limit + 1. */
    private Candidate.Snapshot scratch;
    private int matched;

    TopOffers(CompiledQuery compiled, OfferQuery query) {
        this.compiled = compiled;
        this.keys = query.order();
        this.limit = query.limit();
        this.kept = new Candidate.Snapshot[limit];
        this.scratch = new Candidate.Snapshot(keys.size());
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
        fill(columns, i, size);
        Candidate.Snapshot evicted = null;
        if (count == limit) {
            if (compiled.order.compare(scratch, kept[count - 1]) >= 0) {
                return;
            }
            evicted = kept[--count];
        }
        int at = count;
        if (count > 0 && compiled.order.compare(scratch, kept[count - 1]) < 0) {
            int low = 0;
            int high = count - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (compiled.order.compare(kept[mid], scratch) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            at = low;
            System.arraycopy(kept, at, kept, at + 1, count - at);
        }
        kept[at] = scratch;
        count++;
        scratch = evicted != null ? evicted : new Candidate.Snapshot(keys.size());
    }

    /** Whether {@code limit} offers are kept, so only a better one gets in. */
    boolean full() {
        return count >= limit;
    }

    /** The first sort key's reading of the worst offer kept; call only when {@link #full()} and sorted by a number. */
    double worstFirstKey() {
        return kept[count - 1].numbers()[0];
    }

    int matched() {
        return matched;
    }

    /** The kept offers, best first. */
    List<Offer> offers() {
        List<Offer> offers = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Candidate.Snapshot s = kept[k];
            offers.add(s.columns().offer(s.row(), s.gpuCount()));
        }
        return offers;
    }

    private void fill(OfferColumns columns, int i, int gpus) {
        for (int k = 0; k < keys.size(); k++) {
            OfferField field = keys.get(k).field();
            if (field.kind() == OfferField.Kind.TEXT) {
                scratch.texts()[k] = columns.texts(field)[i];
            } else {
                scratch.numbers()[k] = columns.number(field, i, gpus);
            }
        }
        scratch.reset(columns, i, gpus);
    }
}
