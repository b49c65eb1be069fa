package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import java.util.List;

/**
 * Walks the candidate hosts, held as segments (one list per GPU model asked for), once round, starting at
 * a seeded offset. Not thread-safe: one cursor per decision.
 */
final class CandidateCursor {

    private final List<List<Host>> segments;
    private final int size;
    private int segment;
    private int offset;
    private int visited;

    /** @param seed chooses where the walk begins; the same seed, the same start */
    CandidateCursor(List<List<Host>> segments, long seed) {
        this.segments = segments;
        int total = 0;
        for (List<Host> hosts : segments) {
            total += hosts.size();
        }
        this.size = total;
        if (total > 0) {
            offset = Math.floorMod(mix(seed), total);
            while (offset >= segments.get(segment).size()) {
                offset -= segments.get(segment).size();
                segment++;
            }
        }
    }

    /** All candidates, visited or not. */
    int size() {
        return size;
    }

    int visited() {
        return visited;
    }

    boolean hasNext() {
        return visited < size;
    }

    /** The next candidate; call only when {@link #hasNext()}. */
    Host next() {
        List<Host> hosts = segments.get(segment);
        Host host = hosts.get(offset);
        visited++;
        if (++offset == hosts.size() && visited < size) {
            offset = 0;
            do {
                segment = (segment + 1) % segments.size();
            } while (segments.get(segment).isEmpty());
        }
        return host;
    }

    /** SplitMix64's finaliser: spreads nearby seeds (1, 2, 3...) over the candidate list. */
    private static int mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }
}
