package dev.assay.reputation.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MerkleTreeTest {

    private static Digest[] leaves(int size, long salt) {
        Digest[] leaves = new Digest[size];
        for (int i = 0; i < size; i++) {
            leaves[i] = MerkleTree.leaf(i, new int[] {(int) salt, i});
        }
        return leaves;
    }

    @Property(tries = 200)
    void everyRowsProofLeadsToTheRoot(@ForAll @IntRange(min = 1, max = 300) int size, @ForAll long salt) {
        Digest[] leaves = leaves(size, salt);
        MerkleTree tree = MerkleTree.over(leaves);
        for (int i = 0; i < size; i++) {
            assertThat(MerkleTree.leadsTo(tree.root(), leaves[i], i, size, tree.proof(i))).as("row %d of %d", i, size).isTrue();
        }
    }

    @Property(tries = 200)
    void aProofLeadsNowhereForAnotherLeafIndexOrSize(@ForAll @IntRange(min = 2, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 299) int rawIndex, @ForAll long salt) {
        int index = rawIndex % size;
        Digest[] leaves = leaves(size, salt);
        MerkleTree tree = MerkleTree.over(leaves);
        List<Digest> proof = tree.proof(index);
        Digest otherLeaf = MerkleTree.leaf(index, new int[] {(int) salt, index + 1});
        assertThat(MerkleTree.leadsTo(tree.root(), otherLeaf, index, size, proof)).isFalse();
        int otherIndex = (index + 1) % size;
        assertThat(MerkleTree.leadsTo(tree.root(), leaves[index], otherIndex, size, proof)).isFalse();
        assertThat(MerkleTree.leadsTo(tree.root(), leaves[index], index, size, proof.subList(0, proof.size() - 1))).isFalse();
        List<Digest> longer = new ArrayList<>(proof);
        longer.add(tree.root());
        assertThat(MerkleTree.leadsTo(tree.root(), leaves[index], index, size, longer)).isFalse();
        assertThat(MerkleTree.leadsTo(tree.root(), leaves[index], size, size, proof)).isFalse();
    }

    @Property(tries = 100)
    void aLeafIsNotANode(@ForAll @IntRange(min = 2, max = 64) int size, @ForAll long salt) {
        // The root of a tree is never the leaf hash of any row list: prefixes 0x00 and 0x01 differ.
        Digest[] leaves = leaves(size, salt);
        Digest root = MerkleTree.over(leaves).root();
        assertThat(root).isNotIn((Object[]) leaves);
        assertThat(MerkleTree.over(new Digest[] {leaves[0]}).root()).isEqualTo(leaves[0]);
    }
}
