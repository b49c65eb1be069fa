package dev.assay.reputation.challenge;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The host's second reply, once per requested row: the row of C and the Merkle proof that it is the row
 * the root committed to.
 *
 * @param row the row number
 * @param values the row's n int32 values (copied in and out)
 * @param proof the sibling hashes from the row's leaf up to the root, lowest first
 */
public record RowOpening(int row, int[] values, List<Digest> proof) {

    /** Longest proof of a tree of {@link ChallengeSpec#MAX_N} leaves is 15; anything longer is malformed. */
    public static final int MAX_PROOF_LENGTH = 64;

    public RowOpening {
        values = Objects.requireNonNull(values, "values").clone();
        proof = List.copyOf(Objects.requireNonNull(proof, "proof"));
        if (proof.size() > MAX_PROOF_LENGTH) {
            throw new IllegalArgumentException("proof must hold at most " + MAX_PROOF_LENGTH + " hashes, had " + proof.size());
        }
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowOpening that && row == that.row && Arrays.equals(values, that.values)
                && proof.equals(that.proof);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * row + Arrays.hashCode(values)) + proof.hashCode();
    }

    @Override
    public String toString() {
        return "RowOpening[row=" + row + ", values=" + values.length + " ints, proof=" + proof.size() + " hashes]";
    }

    /** The values without a copy, for the verifier's own comparison. */
    int[] valuesUnsafe() {
        return values;
    }
}
