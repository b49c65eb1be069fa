package dev.assay.reputation.sku;

/**
 * The host link of a GPU: a PCI Express x16 slot of a given generation, and its one-direction ceiling.
 * The ceilings are the PCI-SIG signalling rates after line encoding (8 GT/s × 16 lanes × 128/130 for
 * Gen3, doubling each generation), rounded as vendors quote them.
 */
public final class PcieLink {

    /** Lowest generation in the catalogue's range. */
    public static final int MIN_GENERATION = 3;
    /** Highest generation in the catalogue's range. */
    public static final int MAX_GENERATION = 6;

    private PcieLink() {}

    /**
     * One-direction bandwidth of an x16 link, GB/s: Gen3 15.75, Gen4 31.5, Gen5 63, Gen6 126.
     *
     * @throws IllegalArgumentException if {@code generation} is outside 3..6
     */
    public static double x16CeilingGbps(int generation) {
        requireGeneration(generation);
        return 15.75 * (1 << (generation - MIN_GENERATION));
    }

    static void requireGeneration(int generation) {
        if (generation < MIN_GENERATION || generation > MAX_GENERATION) {
            throw new IllegalArgumentException("pcieGeneration must be within " + MIN_GENERATION + ".."
                    + MAX_GENERATION + ", was " + generation);
        }
    }
}
