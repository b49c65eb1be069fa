package dev.assay.reputation.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.reputation.challenge.ChallengeOutcome.MalformedOpening;
import dev.assay.reputation.challenge.ChallengeOutcome.MissingOpening;
import dev.assay.reputation.challenge.ChallengeOutcome.Passed;
import dev.assay.reputation.challenge.ChallengeOutcome.RootMismatch;
import dev.assay.reputation.challenge.ChallengeOutcome.TooSlow;
import dev.assay.reputation.challenge.ChallengeOutcome.WrongRow;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChallengeVerifierTest {

    private static final GpuSku RTX_4090 = SkuCatalogue.bundled().find("RTX 4090").orElseThrow();
    private static final Duration QUICK = Duration.ofMillis(300);
    private final ChallengeVerifier verifier = ChallengeVerifier.withDefaults();

    private static int[][] product(ChallengeSpec spec) {
        int[] all = new int[spec.n()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return ChallengeMatrices.of(spec).productRows(all);
    }

    @Property(tries = 40)
    void anHonestHostAlwaysPasses(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int eighths,
            @ForAll @IntRange(min = 1, max = 16) int k, @ForAll long sampleSeed) {
        ChallengeSpec spec = new ChallengeSpec(seed, 8 * eighths, k);
        HostSolution host = HostSolver.solve(spec);
        ChallengeAnswer answer = host.answer(Duration.ofMillis(120));
        RowSample sample = RowSample.draw(sampleSeed, spec);

        ChallengeOutcome outcome = verifier.verify(spec, RTX_4090, answer, sample, host.open(sample), QUICK);

        assertThat(outcome).isInstanceOf(Passed.class);
        assertThat(((Passed) outcome).rowsChecked()).isEqualTo(k);
        assertThat(outcome.passed()).isTrue();
    }

    @Property(tries = 40)
    void aWrongRowIsCaughtWheneverItIsSampled(@ForAll long seed, @ForAll @IntRange(min = 0, max = 63) int wrongRow,
            @ForAll @IntRange(min = 0, max = 63) int wrongColumn, @ForAll @IntRange(min = 1, max = 1_000) int error,
            @ForAll long sampleSeed) {
        ChallengeSpec spec = new ChallengeSpec(seed, 64, 8);
        int[][] c = product(spec);
        int truth = c[wrongRow][wrongColumn];
        c[wrongRow][wrongColumn] += error;
        HostSolution liar = HostSolver.commit(spec, c); // a root that matches its own wrong C
        TreeSet<Integer> rows = new TreeSet<>(RowSample.draw(sampleSeed, spec).rows());
        rows.pollFirst();
        rows.add(wrongRow);
        RowSample sample = new RowSample(new ArrayList<>(rows));

        ChallengeOutcome outcome = verifier.verify(spec, RTX_4090, liar.answer(Duration.ZERO), sample, liar.open(sample), QUICK);

        assertThat(outcome).isEqualTo(new WrongRow(wrongRow, wrongColumn, truth, truth + error));
    }

    @Test
    void aHostThatChangesCAfterCommittingIsCaught() {
        ChallengeSpec spec = new ChallengeSpec(7, 64, 8);
        HostSolution committed = HostSolver.solve(spec);
        int[][] c = product(spec);
        RowSample sample = RowSample.draw(99, spec);
        int row = sample.rows().get(3);
        c[row][0] ^= 1;
        HostSolution changed = HostSolver.commit(spec, c);
        List<RowOpening> openings = new ArrayList<>(committed.open(sample));
        openings.set(3, changed.open(row)); // the changed row, with a proof that is valid for the changed C

        ChallengeOutcome outcome = verifier.verify(spec, RTX_4090, committed.answer(Duration.ZERO), sample,
                openings, QUICK);

        assertThat(outcome).isEqualTo(new RootMismatch(row));
    }

    @Test
    void aHostThatIsTooSlowForItsClaimedGpuFails() {
        ChallengeSpec spec = new ChallengeSpec(7, 64, 8);
        HostSolution host = HostSolver.solve(spec);
        RowSample sample = RowSample.draw(1, spec);
        Duration limit = verifier.timeLimit(spec, RTX_4090);
        Duration late = limit.plusMillis(1);

        assertThat(verifier.verify(spec, RTX_4090, host.answer(Duration.ZERO), sample, host.open(sample), late))
                .isEqualTo(new TooSlow(limit, late));
        // A host that admits to having been slow is believed, even if the network was quick.
        assertThat(verifier.verify(spec, RTX_4090, host.answer(late), sample, host.open(sample), QUICK))
                .isEqualTo(new TooSlow(limit, late));
        assertThat(verifier.verify(spec, RTX_4090, host.answer(Duration.ZERO), sample, host.open(sample), limit))
                .isInstanceOf(Passed.class);
    }

    @Test
    void missingDuplicatedAndMalformedOpeningsFail() {
        ChallengeSpec spec = new ChallengeSpec(7, 64, 4);
        HostSolution host = HostSolver.solve(spec);
        ChallengeAnswer answer = host.answer(Duration.ZERO);
        RowSample sample = RowSample.draw(5, spec);
        List<RowOpening> openings = host.open(sample);

        assertThat(verifier.verify(spec, RTX_4090, answer, sample, openings.subList(1, 4), QUICK))
                .isEqualTo(new MissingOpening(sample.rows().getFirst()));
        List<RowOpening> twice = new ArrayList<>(openings);
        twice.add(openings.get(2));
        assertThat(verifier.verify(spec, RTX_4090, answer, sample, twice, QUICK))
                .isEqualTo(new MissingOpening(sample.rows().get(2)));
        RowOpening first = openings.getFirst();
        List<RowOpening> shortRow = new ArrayList<>(openings);
        shortRow.set(0, new RowOpening(first.row(), new int[3], first.proof()));
        assertThat(verifier.verify(spec, RTX_4090, answer, sample, shortRow, QUICK)).isInstanceOf(MalformedOpening.class);
    }

    @Test
    void theTimeLimitFollowsTheInt8PeakAndTheAllowances() {
        ChallengeSpec spec = new ChallengeSpec(1, 8_192, 32);
        // 10 × 2 × 8192³ ÷ 660.6e12 = 16.645 ms; 4 × 8192² B ÷ 1 GB/s = 268.435 ms; + 2 s.
        assertThat(verifier.timeLimit(spec, RTX_4090).toNanos() / 1e9).isCloseTo(2.285080, within(1e-6));
    }

    @Property
    void thePassChanceIsTheExactHypergeometricOneAndBelowTheBound(@ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 0, max = 60) int rawWrong, @ForAll @IntRange(min = 1, max = 60) int rawK) {
        int wrong = rawWrong % (n + 1);
        int k = 1 + (rawK - 1) % n;
        double exact = binomial(n - wrong, k).doubleValue() / binomial(n, k).doubleValue();
        double chance = ChallengeVerifier.chanceWrongProductPasses(n, wrong, k);
        assertThat(chance).isCloseTo(exact, within(1e-12));
        assertThat(chance).isLessThanOrEqualTo(Math.pow(1 - (double) wrong / n, k) + 1e-15);
    }

    @Property
    void aRowSampleIsKDistinctRowsAscending(@ForAll long seed, @ForAll @IntRange(min = 1, max = 500) int n,
            @ForAll @IntRange(min = 1, max = 500) int rawK) {
        int k = 1 + (rawK - 1) % Math.min(n, ChallengeSpec.MAX_K);
        RowSample sample = RowSample.draw(seed, n, k);
        assertThat(sample.rows()).hasSize(k).isSorted().doesNotHaveDuplicates().allMatch(r -> r >= 0 && r < n);
        assertThat(RowSample.draw(seed, n, k)).isEqualTo(sample);
    }

    @Test
    void aSampleMustBeDistinctAscendingRowsOfC() {
        assertThatThrownBy(() -> new RowSample(List.of(3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new RowSample(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows must hold");
        ChallengeSpec spec = new ChallengeSpec(7, 16, 1);
        HostSolution host = HostSolver.solve(spec);
        assertThatThrownBy(() -> verifier.verify(spec, RTX_4090, host.answer(Duration.ZERO), new RowSample(List.of(16)),
                List.of(), QUICK)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below n");
    }

    private static BigInteger binomial(int n, int k) {
        if (k > n) {
            return BigInteger.ZERO;
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }
}
