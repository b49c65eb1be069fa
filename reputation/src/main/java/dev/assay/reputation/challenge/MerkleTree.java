package dev.assay.reputation.challenge;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The commitment to C: a binary Merkle tree over the row hashes.
 *
 * <pre>
 * leaf(r)      = SHA-256(0x00 ‖ int32be(r) ‖ int32be(C[r][0]) ‖ … ‖ int32be(C[r][n−1]))
 * node(l, r)   = SHA-256(0x01 ‖ l ‖ r)
 * level k + 1  = node(x[0], x[1]), node(x[2], x[3]), …; an odd last node moves up unchanged
 * root         = the single node left
 * </pre>
 * The 0x00 / 0x01 prefixes keep a leaf from passing for a node (RFC 9162's domain separation); the row
 * number inside the leaf keeps a host from answering row i with another row's values. An odd node is
 * promoted, not duplicated, so no two different row lists share a root (the duplication flaw of
 * Bitcoin's tree, CVE-2012-2459).
 */
final class MerkleTree {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private final List<Digest[]> levels;

    private MerkleTree(List<Digest[]> levels) {
        this.levels = levels;
    }

    static MerkleTree over(Digest[] leaves) {
        if (leaves.length == 0) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<Digest[]> levels = new ArrayList<>();
        levels.add(leaves.clone());
        Digest[] level = leaves;
        while (level.length > 1) {
            Digest[] up = new Digest[(level.length + 1) / 2];
            for (int i = 0; i < level.length / 2; i++) {
                up[i] = node(level[2 * i], level[2 * i + 1]);
            }
            if (level.length % 2 == 1) {
                up[up.length - 1] = level[level.length - 1];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    static Digest leaf(int row, int[] values) {
        MessageDigest sha = Digest.sha256();
        byte[] buffer = new byte[4 * Math.min(values.length, 4_096)];
        sha.update(LEAF);
        sha.update(int32be(row));
        int position = 0;
        for (int value : values) {
            buffer[position++] = (byte) (value >>> 24);
            buffer[position++] = (byte) (value >>> 16);
            buffer[position++] = (byte) (value >>> 8);
            buffer[position++] = (byte) value;
            if (position == buffer.length) {
                sha.update(buffer, 0, position);
                position = 0;
            }
        }
        sha.update(buffer, 0, position);
        return Digest.wrap(sha.digest());
    }

    static Digest node(Digest left, Digest right) {
        MessageDigest sha = Digest.sha256();
        sha.update(NODE);
        left.feed(sha);
        right.feed(sha);
        return Digest.wrap(sha.digest());
    }

    Digest root() {
        return levels.getLast()[0];
    }

    int size() {
        return levels.getFirst().length;
    }

    /** The siblings on the way from leaf {@code index} to the root, lowest first. */
    List<Digest> proof(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("index must be within 0.." + (size() - 1) + ", was " + index);
        }
        List<Digest> siblings = new ArrayList<>();
        for (int k = 0; k < levels.size() - 1; k++) {
            Digest[] level = levels.get(k);
            int sibling = index ^ 1;
            if (sibling < level.length) {
                siblings.add(level[sibling]);
            }
            index >>>= 1;
        }
        return siblings;
    }

    /**
     * True if {@code leaf}, at {@code index} of a tree of {@code size} leaves, leads through {@code proof}
     * to {@code root}. A proof of the wrong length, or an index outside the tree, never does.
     */
    static boolean leadsTo(Digest root, Digest leaf, int index, int size, List<Digest> proof) {
        if (index < 0 || index >= size) {
            return false;
        }
        Digest hash = leaf;
        int used = 0;
        while (size > 1) {
            int sibling = index ^ 1;
            if (sibling < size) {
                if (used == proof.size()) {
                    return false;
                }
                Digest other = proof.get(used++);
                hash = (index & 1) == 0 ? node(hash, other) : node(other, hash);
            }
            index >>>= 1;
            size = (size + 1) / 2;
        }
        return used == proof.size() && hash.equals(root);
    }

    private static byte[] int32be(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
