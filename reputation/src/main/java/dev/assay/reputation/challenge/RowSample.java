package dev.assay.reputation.challenge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of C the verifier opens: k distinct rows, drawn from a seed the verifier picks only after it
 * has received the host's root. Drawn any earlier, the rows could leak (or be guessed from the challenge
 * seed), and a host could compute just those rows and fill the rest of C with junk.
 *
 * @param rows distinct row numbers, ascending
 */
public record RowSample(List<Integer> rows) {

    public RowSample {
        rows = List.copyOf(rows);
    }

    /**
     * k distinct rows out of n, uniformly: Floyd's sampling algorithm over a SplitMix64 stream from
     * {@code sampleSeed}. Deterministic, so a decision can be replayed.
     *
     * @throws IllegalArgumentException if k is not within 1..n
     */
    public static RowSample draw(long sampleSeed, int n, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be within 1.." + n + ", was " + k);
        }
        SplitMix64 random = new SplitMix64(sampleSeed);
        Set<Integer> chosen = new HashSet<>();
        for (int j = n - k; j < n; j++) {
            int t = (int) random.nextBelow(j + 1L);
            chosen.add(chosen.contains(t) ? j : t);
        }
        List<Integer> rows = new ArrayList<>(chosen);
        rows.sort(null);
        return new RowSample(rows);
    }

    /** The sample for this challenge: {@code spec.k()} rows of {@code spec.n()}. */
    public static RowSample draw(long sampleSeed, ChallengeSpec spec) {
        return draw(sampleSeed, spec.n(), spec.k());
    }
}
