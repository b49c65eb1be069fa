package dev.assay.reputation.challenge;

import java.util.Objects;

/**
 * The host's side of the challenge in pure Java: multiply, hash, commit. Real hosts multiply on the GPU
 * and can hand the product to {@link #commit}; {@link #solve} does it all on the CPU, for tests and the
 * simulated fleet, and is therefore limited to {@value #MAX_PURE_JAVA_N}.
 */
public final class HostSolver {

    /** Largest n {@link #solve} accepts: C is then 16 MiB and n³ = 8.6e9 multiply-adds. */
    public static final int MAX_PURE_JAVA_N = 2_048;

    private HostSolver() {}

    /**
     * Computes C = A·B exactly and commits to it.
     *
     * @throws IllegalArgumentException if {@code spec.n()} is above {@link #MAX_PURE_JAVA_N}
     */
    public static HostSolution solve(ChallengeSpec spec) {
        if (spec.n() > MAX_PURE_JAVA_N) {
            throw new IllegalArgumentException(
                    "n must be at most " + MAX_PURE_JAVA_N + " for the pure-Java solver, was " + spec.n());
        }
        ChallengeMatrices matrices = ChallengeMatrices.of(spec);
        int[] all = new int[spec.n()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        return new HostSolution(spec, matrices.productRows(all));
    }

    /**
     * Commits to a product computed elsewhere (on the GPU). The rows are copied.
     *
     * @throws IllegalArgumentException if {@code product} is not n rows of n values
     */
    public static HostSolution commit(ChallengeSpec spec, int[][] product) {
        Objects.requireNonNull(product, "product");
        if (product.length != spec.n()) {
            throw new IllegalArgumentException("product must have n = " + spec.n() + " rows, had " + product.length);
        }
        int[][] rows = new int[product.length][];
        for (int r = 0; r < product.length; r++) {
            if (product[r] == null || product[r].length != spec.n()) {
                throw new IllegalArgumentException("product row " + r + " must have n = " + spec.n() + " values");
            }
            rows[r] = product[r].clone();
        }
        return new HostSolution(spec, rows);
    }
}
