package dev.assay.matching.placement;

/**
 * Where the walk over the candidate hosts goes: the segments (one range of columns per GPU model) once round,
 * starting at a seeded offset in their concatenation. The walk is handed out as pieces, each a contiguous
 * range of one segment, so the caller loops over plain index ranges: the rest of the starting segment, the
 * following segments whole (wrapping), then the head of the starting segment.
 */
final class CandidateCursor {

    private final int[] sizes;
    private final int size;
    private final int startSegment;
    private final int startOffset;

    /**
     * @param sizes how many candidates each segment holds (zero allowed)
     * @param seed chooses where the walk begins; the same seed, the same start
     */
    CandidateCursor(int[] sizes, long seed) {
        this.sizes = sizes.clone();
        int total = 0;
        for (int segmentSize : sizes) {
            total += segmentSize;
        }
        this.size = total;
        int segment = 0;
        int offset = 0;
        if (total > 0) {
            offset = Math.floorMod(mix(seed), total);
            while (offset >= sizes[segment]) {
                offset -= sizes[segment];
                segment++;
            }
        }
        this.startSegment = segment;
        this.startOffset = offset;
    }

    /** All candidates. */
    int size() {
        return size;
    }

    /** How many pieces the walk has (some may be empty). */
    int pieces() {
        return size == 0 ? 0 : sizes.length + 1;
    }

    /** The segment piece {@code k} lies in. */
    int segment(int k) {
        return (startSegment + k) % sizes.length;
    }

    /** First index (in its segment) of piece {@code k}. */
    int from(int k) {
        return k == 0 ? startOffset : 0;
    }

    /** End index (exclusive, in its segment) of piece {@code k}. */
    int to(int k) {
        if (k == 0) {
            return sizes[startSegment];
        }
        return k == sizes.length ? startOffset : sizes[segment(k)];
    }

    /** SplitMix64's finaliser: spreads nearby seeds (1, 2, 3...) over the candidate list. */
    private static int mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }
}
