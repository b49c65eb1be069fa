package dev.assay.reputation.challenge;

/**
 * The challenge's INT8 matrices A and B, generated from the seed by a counter-based generator so that
 * the host (on its GPU) and the verifier (for the few rows it checks) produce identical values without
 * sending them, and any element can be made on its own.
 *
 * <p>The definition, for implementers on other platforms (all arithmetic on unsigned 64-bit words,
 * wrapping; {@code mix64} is the SplitMix64 finaliser, {@code GAMMA = 0x9E3779B97F4A7C15}):
 * <pre>
 * key            = mix64(seed)
 * word(m, r, w)  = mix64(key + GAMMA × ((m &lt;&lt; 32) | (r &lt;&lt; 16) | w))      m = 0 for A, 1 for B
 * element(m,r,c) = int8(word(m, r, c &gt;&gt; 3) &gt;&gt; (8 × (c &amp; 7)))             low byte first, two's complement
 * </pre>
 * Rows and columns are below 2¹⁵ and word indexes below 2¹², so every (matrix, row, word) has its own
 * counter. {@code ChallengeMatricesTest} holds known answers computed independently.
 */
public final class ChallengeMatrices {

    /** Index of matrix A in the counter. */
    public static final int A = 0;
    /** Index of matrix B in the counter. */
    public static final int B = 1;

    private final long key;
    private final int n;

    private ChallengeMatrices(long seed, int n) {
        this.key = SplitMix64.mix64(seed);
        this.n = n;
    }

    /** The matrices of one challenge. */
    public static ChallengeMatrices of(ChallengeSpec spec) {
        return new ChallengeMatrices(spec.seed(), spec.n());
    }

    /** The matrices' size. */
    public int n() {
        return n;
    }

    /** One element of A ({@code matrix = 0}) or B ({@code matrix = 1}). */
    public byte element(int matrix, int row, int column) {
        checkIndex(row, "row");
        checkIndex(column, "column");
        return (byte) (word(matrix, row, column >>> 3) >>> (8 * (column & 7)));
    }

    /** Fills {@code into} (length ≥ n) with one row of A or B. */
    public void fillRow(int matrix, int row, byte[] into) {
        checkIndex(row, "row");
        for (int w = 0; w < n / 8; w++) {
            long word = word(matrix, row, w);
            for (int b = 0; b < 8; b++) {
                into[8 * w + b] = (byte) (word >>> (8 * b));
            }
        }
    }

    /** One row of C = A·B, computed exactly in int32 (every product fits: see {@link ChallengeSpec#MAX_N}). */
    public int[] productRow(int row) {
        return productRows(new int[] {row})[0];
    }

    /**
     * Several rows of C = A·B. Generates B once, row by row, so memory stays at rows × n values whatever n
     * is; the work is rows × n² multiply-adds.
     */
    public int[][] productRows(int[] rows) {
        byte[][] aRows = new byte[rows.length][n];
        for (int i = 0; i < rows.length; i++) {
            fillRow(A, rows[i], aRows[i]);
        }
        int[][] c = new int[rows.length][n];
        byte[] bRow = new byte[n];
        for (int l = 0; l < n; l++) {
            fillRow(B, l, bRow);
            for (int i = 0; i < rows.length; i++) {
                int a = aRows[i][l];
                if (a == 0) {
                    continue;
                }
                int[] cRow = c[i];
                for (int j = 0; j < n; j++) {
                    cRow[j] += a * bRow[j];
                }
            }
        }
        return c;
    }

    private long word(int matrix, int row, int wordIndex) {
        if (matrix != A && matrix != B) {
            throw new IllegalArgumentException("matrix must be 0 (A) or 1 (B), was " + matrix);
        }
        long counter = ((long) matrix << 32) | ((long) row << 16) | wordIndex;
        return SplitMix64.mix64(key + SplitMix64.GAMMA * counter);
    }

    private void checkIndex(int index, String what) {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException(what + " must be within 0.." + (n - 1) + ", was " + index);
        }
    }
}
