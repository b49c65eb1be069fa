package dev.assay.matching.search;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code limit} offers seen so far, in a bounded heap whose head is the worst kept, so a better
 * offer can replace it; and how many offers matched. One per search; not thread-safe.
 */
final class TopOffers {

    private final CompiledQuery compiled;
    private final List<SortKey> keys;
    private final int limit;
    private final PriorityQueue<Candidate.Snapshot> best;
    /** The row being considered; swapped with the evicted worst, so a search allocates at most limit + 1. */
    private Candidate.Snapshot scratch;
    private int matched;

    TopOffers(CompiledQuery compiled, OfferQuery query) {
        this.compiled = compiled;
        this.keys = query.order();
        this.limit = query.limit();
        this.best = new PriorityQueue<>(limit + 1, (a, b) -> compiled.order.compare(b, a));
        this.scratch = new Candidate.Snapshot(keys.size());
    }

    /** Row {@code i} of {@code columns}: counted and kept if it is an offer of the query and among the best. */
    void consider(OfferColumns columns, int i) {
        int size = compiled.offerSize(columns.freeGpus[i], columns.minGpusPerPod[i]);
        if (size == 0 || !compiled.matches(columns, i, size)) {
            return;
        }
        matched++;
        fill(columns, i, size);
        if (best.size() < limit) {
            best.add(scratch);
            scratch = new Candidate.Snapshot(keys.size());
        } else if (compiled.order.compare(scratch, best.peek()) < 0) {
            Candidate.Snapshot evicted = best.poll();
            best.add(scratch);
            scratch = evicted;
        }
    }

    /** Whether {@code limit} offers are kept, so only a better one gets in. */
    boolean full() {
        return best.size() >= limit;
    }

    /** The first sort key's reading of the worst offer kept; call only when {@link #full()} and sorted by a number. */
    double worstFirstKey() {
        return best.peek().numbers()[0];
    }

    int matched() {
        return matched;
    }

    /** The kept offers, best first. */
    List<Offer> offers() {
        List<Candidate.Snapshot> ordered = new ArrayList<>(best);
        ordered.sort(compiled.order);
        List<Offer> offers = new ArrayList<>(ordered.size());
        for (Candidate.Snapshot s : ordered) {
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
