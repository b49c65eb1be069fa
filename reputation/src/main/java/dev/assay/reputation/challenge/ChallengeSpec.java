package dev.assay.reputation.challenge;

/**
 * A proof-of-GPU challenge as the marketplace sends it: "multiply the two n × n INT8 matrices generated
 * from this seed, and commit to the product".
 *
 * @param seed generates A and B (see {@link ChallengeMatrices}); fresh and unpredictable per challenge
 * @param n the matrices' size, a multiple of 8 within {@value #MIN_N}..{@value #MAX_N}
 * @param k how many rows of C the verifier will open, 1..min(n, {@value #MAX_K})
 * @throws IllegalArgumentException naming the field, if {@code n} or {@code k} is out of range
 */
public record ChallengeSpec(long seed, int n, int k) {

    /** Smallest size: below it timing means nothing. */
    public static final int MIN_N = 16;
    /**
     * Largest size. It keeps every element of C within int32 (|c| ≤ n × 128² = 2²⁹) and bounds the
     * verifier's work, which is k × n² multiply-adds.
     */
    public static final int MAX_N = 32_768;
    /** Most rows one challenge opens. */
    public static final int MAX_K = 256;

    public ChallengeSpec {
        if (n < MIN_N || n > MAX_N || n % 8 != 0) {
            throw new IllegalArgumentException("n must be a multiple of 8 within " + MIN_N + ".." + MAX_N + ", was " + n);
        }
        if (k < 1 || k > Math.min(n, MAX_K)) {
            throw new IllegalArgumentException("k must be within 1.." + Math.min(n, MAX_K) + ", was " + k);
        }
    }

    /** Multiply-adds the host must do: n³. */
    public double multiplyAdds() {
        return (double) n * n * n;
    }

    /** Bytes of C (n² int32 values) the host must hash. */
    public double productBytes() {
        return 4.0 * n * n;
    }
}
