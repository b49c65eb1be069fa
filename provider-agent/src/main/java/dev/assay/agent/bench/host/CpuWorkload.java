package dev.assay.agent.bench.host;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed unit of CPU work behind the "score" figures. One unit is:
 * <ol>
 *   <li>SHA-256 (the JDK's, which uses the CPU's SHA instructions where it has them) over a 64 KiB buffer, then
 *       the 32-byte digest written back into the buffer at the next slot, so every unit hashes different bytes;
 *   <li>a dense 32×32 by 32×32 double-precision matrix product (32,768 multiply-adds), whose first input is
 *       nudged by the digest, so the two halves depend on each other and the JIT can drop neither.
 * </ol>
 * The inputs come from a fixed seed: a fresh workload run for n units always yields the same checksum, on any
 * machine. Not thread-safe: one instance per thread.
 */
final class CpuWorkload {

    static final int BUFFER_BYTES = 64 * 1024;
    static final int N = 32;
    private static final int DIGEST_BYTES = 32;

    private final MessageDigest sha256;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final double[] a = new double[N * N];
    private final double[] b = new double[N * N];
    private final double[] c = new double[N * N];
    private int slot;
    private long checksum;

    CpuWorkload() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long x = 0x9E3779B97F4A7C15L; // xorshift64 from a fixed seed: the same bytes everywhere
        for (int i = 0; i < BUFFER_BYTES; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buffer[i] = (byte) x;
        }
        for (int i = 0; i < N * N; i++) {
            a[i] = (i % 7 + 1) / 8.0;
            b[i] = (i % 5 + 1) / 6.0;
        }
    }

    /** Runs one unit and returns the running checksum (the caller keeps it so the work is observably used). */
    long unit() {
        sha256.update(buffer);
        byte[] digest = sha256.digest();
        int at = slot * DIGEST_BYTES;
        System.arraycopy(digest, 0, buffer, at, DIGEST_BYTES);
        slot = (slot + 1) % (BUFFER_BYTES / DIGEST_BYTES);
        a[0] = (digest[0] & 0xFF) / 256.0;
        multiply();
        double trace = 0;
        for (int i = 0; i < N; i++) {
            trace += c[i * N + i];
        }
        checksum = checksum * 31 + Double.doubleToLongBits(trace) + (digest[31] & 0xFF);
        return checksum;
    }

    private void multiply() {
        for (int i = 0; i < N; i++) {
            int row = i * N;
            for (int j = 0; j < N; j++) {
                c[row + j] = 0;
            }
            for (int k = 0; k < N; k++) {
                double aik = a[row + k];
                int bRow = k * N;
                for (int j = 0; j < N; j++) {
                    c[row + j] += aik * b[bRow + j];
                }
            }
        }
    }
}
