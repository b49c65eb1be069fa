package dev.assay.reputation.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the generator, row hash and root, computed by an independent Python implementation
 * of the definitions in {@link ChallengeMatrices} and {@link MerkleTree} (hashlib, arbitrary-precision
 * integers). A GPU implementation of the host side must reproduce these too.
 */
class ChallengeMatricesTest {

    private static final ChallengeSpec SEED_42 = new ChallengeSpec(42, 16, 4);

    @Test
    void generatesTheKnownElements() {
        ChallengeMatrices matrices = ChallengeMatrices.of(SEED_42);
        byte[] row = new byte[16];
        matrices.fillRow(ChallengeMatrices.A, 0, row);
        assertThat(row).startsWith(-91, 0, 92, -28, -9, -121, -22, -105);
        assertThat(matrices.element(ChallengeMatrices.B, 3, 5)).isEqualTo((byte) 2);
        assertThat(matrices.element(ChallengeMatrices.A, 15, 15)).isEqualTo((byte) -79);
    }

    @Test
    void computesTheKnownProductRowHashAndRoot() {
        int[] row0 = ChallengeMatrices.of(SEED_42).productRow(0);
        assertThat(row0).startsWith(-25932, 31864, 26291, -44055);
        assertThat(ChallengeMatrices.of(SEED_42).productRow(7)[9]).isEqualTo(29125);
        assertThat(MerkleTree.leaf(0, row0).hex())
                .isEqualTo("2a48a8c704d655f46d251d43256be6234e5eeb473571d0c718a0a33db15c9d98");
        assertThat(HostSolver.solve(SEED_42).root().hex())
                .isEqualTo("6aaaf290315eeec8d6b647b401a8d5bd8e742ca439fbb4e315a88271327c07e9");
        // 24 rows: the tree has an odd level (3 nodes), so this also pins down promotion of the odd node.
        assertThat(HostSolver.solve(new ChallengeSpec(-7, 24, 4)).root().hex())
                .isEqualTo("97cf04eaaeb92b741543085264950ca4c54a047908d9ee3ec6529f9b91186576");
    }

    @Property(tries = 30)
    void aRowIsItsElementsAndTheProductIsTheTextbookOne(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int eighths) {
        int n = 8 * eighths;
        ChallengeMatrices matrices = ChallengeMatrices.of(new ChallengeSpec(seed, Math.max(16, n), 1));
        int size = matrices.n();
        byte[] row = new byte[size];
        matrices.fillRow(ChallengeMatrices.B, size - 1, row);
        for (int c = 0; c < size; c++) {
            assertThat(row[c]).isEqualTo(matrices.element(ChallengeMatrices.B, size - 1, c));
        }
        int r = size / 2;
        int[] product = matrices.productRow(r);
        for (int j = 0; j < size; j++) {
            int sum = 0;
            for (int l = 0; l < size; l++) {
                sum += matrices.element(ChallengeMatrices.A, r, l) * matrices.element(ChallengeMatrices.B, l, j);
            }
            assertThat(product[j]).isEqualTo(sum);
        }
    }

    @Test
    void differentSeedsGiveDifferentMatrices() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        ChallengeMatrices.of(new ChallengeSpec(1, 16, 1)).fillRow(ChallengeMatrices.A, 0, a);
        ChallengeMatrices.of(new ChallengeSpec(2, 16, 1)).fillRow(ChallengeMatrices.A, 0, b);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aSpecRejectsBadSizes() {
        assertThatThrownBy(() -> new ChallengeSpec(1, 20, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be a multiple of 8");
        assertThatThrownBy(() -> new ChallengeSpec(1, 65_536, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must");
        assertThatThrownBy(() -> new ChallengeSpec(1, 16, 17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must");
        assertThatThrownBy(() -> HostSolver.solve(new ChallengeSpec(1, 4_096, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pure-Java");
    }
}
