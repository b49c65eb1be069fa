package dev.assay.reputation.challenge;

/**
 * The SplitMix64 mixing function and stream (Steele, Lea, Flood 2014; the finaliser is Stafford's
 * "variant 13"). Not cryptographic: the challenge's secrecy comes from the seed being unknown until it is
 * sent, not from the generator.
 */
final class SplitMix64 {

    /** The golden-ratio increment, 2⁶⁴ ÷ φ. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound), without modulo bias (rejection as in {@code java.util.Random#nextInt}). */
    long nextBelow(long bound) {
        long bits;
        long value;
        do {
            bits = nextLong() >>> 1;
            value = bits % bound;
        } while (bits - value + (bound - 1) < 0);
        return value;
    }
}
