package dev.assay.reputation.challenge;

import dev.assay.reputation.challenge.ChallengeOutcome.MalformedOpening;
import dev.assay.reputation.challenge.ChallengeOutcome.MissingOpening;
import dev.assay.reputation.challenge.ChallengeOutcome.Passed;
import dev.assay.reputation.challenge.ChallengeOutcome.RootMismatch;
import dev.assay.reputation.challenge.ChallengeOutcome.TooSlow;
import dev.assay.reputation.challenge.ChallengeOutcome.WrongRow;
import dev.assay.reputation.sku.GpuSku;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The marketplace's side of the proof-of-GPU challenge.
 *
 * <ol>
 *   <li>Send a {@link ChallengeSpec} with a fresh seed; start a timer.
 *   <li>Receive the {@link ChallengeAnswer} (root + host's elapsed time); stop the timer.
 *   <li>Only now pick a sample seed and {@link RowSample#draw} the k rows; ask for them.
 *   <li>Receive the {@link RowOpening}s and call {@link #verify}.
 * </ol>
 *
 * <p>Checks, in order (cheapest first): time against {@link ChallengeTiming#limit}; every sampled row
 * opened exactly once and n values long; each proof leads to the root; each row equals the row recomputed
 * from the seed. A host whose C has r wrong rows out of n passes only if none of them is sampled, with
 * probability C(n−r, k) ÷ C(n, k) ≤ (1 − r/n)^k ({@link #chanceWrongProductPasses}).
 *
 * <p>The verifier's work is k × n² multiply-adds and its memory k × n values. Thread-safe.
 */
public final class ChallengeVerifier {

    private final ChallengeTiming timing;

    /** A verifier with the given time limits. */
    public ChallengeVerifier(ChallengeTiming timing) {
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** A verifier with {@link ChallengeTiming#defaults()}. */
    public static ChallengeVerifier withDefaults() {
        return new ChallengeVerifier(ChallengeTiming.defaults());
    }

    /** The time limit for this challenge on the claimed SKU. */
    public Duration timeLimit(ChallengeSpec spec, GpuSku claimed) {
        return timing.limit(spec, claimed);
    }

    /**
     * Decides a challenge.
     *
     * @param spec the challenge sent
     * @param claimed the SKU the host claims its GPU is
     * @param answer the host's root and its own elapsed time
     * @param sample the rows drawn after the answer arrived
     * @param openings the host's openings of those rows, in any order
     * @param roundTrip the verifier's own measure, from sending the spec to receiving the answer. The larger
     *     of this and the host's elapsed time counts: a host may admit to being slow, but cannot claim to
     *     be faster than the verifier saw.
     * @throws IllegalArgumentException if a sampled row is not a row of C
     */
    public ChallengeOutcome verify(ChallengeSpec spec, GpuSku claimed, ChallengeAnswer answer, RowSample sample,
            List<RowOpening> openings, Duration roundTrip) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(openings, "openings");
        Objects.requireNonNull(roundTrip, "roundTrip");
        if (sample.rows().getLast() >= spec.n()) {
            throw new IllegalArgumentException("sample rows must be below n = " + spec.n() + ", were " + sample.rows());
        }
        Duration limit = timing.limit(spec, claimed);
        Duration took = roundTrip.compareTo(answer.elapsed()) >= 0 ? roundTrip : answer.elapsed();
        if (took.compareTo(limit) > 0) {
            return new TooSlow(limit, took);
        }

        Map<Integer, RowOpening> byRow = new HashMap<>();
        for (RowOpening opening : openings) {
            if (byRow.putIfAbsent(opening.row(), opening) != null) {
                return new MissingOpening(opening.row());
            }
        }
        int[] rows = sample.rows().stream().mapToInt(Integer::intValue).toArray();
        for (int row : rows) {
            RowOpening opening = byRow.get(row);
            if (opening == null) {
                return new MissingOpening(row);
            }
            if (opening.valuesUnsafe().length != spec.n()) {
                return new MalformedOpening(row, "expected " + spec.n() + " values, got " + opening.valuesUnsafe().length);
            }
            if (!MerkleTree.leadsTo(answer.root(), MerkleTree.leaf(row, opening.valuesUnsafe()), row, spec.n(),
                    opening.proof())) {
                return new RootMismatch(row);
            }
        }

        int[][] truth = ChallengeMatrices.of(spec).productRows(rows);
        for (int i = 0; i < rows.length; i++) {
            int[] reported = byRow.get(rows[i]).valuesUnsafe();
            for (int column = 0; column < spec.n(); column++) {
                if (reported[column] != truth[i][column]) {
                    return new WrongRow(rows[i], column, truth[i][column], reported[column]);
                }
            }
        }
        return new Passed(rows.length, limit, took);
    }

    /**
     * The chance that a product with {@code wrongRows} wrong rows out of {@code n} passes {@code k} row
     * checks: none of the k distinct sampled rows is wrong, C(n − r, k) ÷ C(n, k) =
     * Π_{i<k} (n − r − i) ÷ (n − i), which is at most (1 − r/n)^k.
     *
     * @throws IllegalArgumentException if not 0 ≤ wrongRows ≤ n and 1 ≤ k ≤ n
     */
    public static double chanceWrongProductPasses(int n, int wrongRows, int k) {
        if (n < 1 || wrongRows < 0 || wrongRows > n || k < 1 || k > n) {
            throw new IllegalArgumentException("need 0 <= wrongRows <= n and 1 <= k <= n, was n=" + n
                    + " wrongRows=" + wrongRows + " k=" + k);
        }
        double chance = 1;
        for (int i = 0; i < k; i++) {
            chance *= (double) (n - wrongRows - i) / (n - i);
            if (chance <= 0) {
                return 0;
            }
        }
        return chance;
    }
}
