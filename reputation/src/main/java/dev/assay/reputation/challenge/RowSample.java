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
 * @throws IllegalArgumentException if the rows are empty, more than {@link ChallengeSpec#MAX_K}, negative,
 *     or not strictly ascending
 */
public record RowSample(List<Integer> rows) {

    public RowSample {
        rows = List.copyOf(rows);
        if (rows.isEmpty() || rows.size() > ChallengeSpec.MAX_K) {
            throw new IllegalArgumentException("rows must hold 1.." + ChallengeSpec.MAX_K + " rows, had " + rows.size());
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) < 0 || (i > 0 && rows.get(i) <= rows.get(i - 1))) {
                throw new IllegalArgumentException("rows must be distinct non-negative row numbers in ascending order, were " + rows);
            }
        }
    }

    /**
     * k distinct rows out of n, uniformly: Floyd's sampling algorithm over a SplitMix64 stream from
     * {@code sampleSeed}. Deterministic, so a decision can be replayed.
     *
     * @throws IllegalArgumentException if k is not within 1..min(n, {@link ChallengeSpec#MAX_K})
     */
    public static RowSample draw(long sampleSeed, int n, int k) {
        if (k < 1 || k > Math.min(n, ChallengeSpec.MAX_K)) {
            throw new IllegalArgumentException("k must be within 1.." + Math.min(n, ChallengeSpec.MAX_K) + ", was " + k);
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
