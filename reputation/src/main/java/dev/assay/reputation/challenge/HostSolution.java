package dev.assay.reputation.challenge;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A host's committed product C: the root it answers with, and the openings it gives when rows are
 * asked for. Immutable.
 */
public final class HostSolution {

    private final ChallengeSpec spec;
    private final int[][] rows;
    private final MerkleTree tree;

    HostSolution(ChallengeSpec spec, int[][] rows) {
        this.spec = spec;
        this.rows = rows;
        Digest[] leaves = new Digest[rows.length];
        for (int r = 0; r < rows.length; r++) {
            leaves[r] = MerkleTree.leaf(r, rows[r]);
        }
        this.tree = MerkleTree.over(leaves);
    }

    /** The challenge this solves. */
    public ChallengeSpec spec() {
        return spec;
    }

    /** The Merkle root over C's row hashes. */
    public Digest root() {
        return tree.root();
    }

    /** The first reply: the root and the time the host measured. */
    public ChallengeAnswer answer(Duration elapsed) {
        return new ChallengeAnswer(root(), elapsed);
    }

    /** One row of C with its Merkle proof. */
    public RowOpening open(int row) {
        Objects.checkIndex(row, rows.length);
        return new RowOpening(row, rows[row], tree.proof(row));
    }

    /** The openings of every row in the sample, in the sample's order. */
    public List<RowOpening> open(RowSample sample) {
        return sample.rows().stream().map(this::open).toList();
    }
}
