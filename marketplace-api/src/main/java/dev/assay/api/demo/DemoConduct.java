package dev.assay.api.demo;

/**
 * How a SIMULATED demo host behaves once the market runs. The share of each kind is fixed by the host's place in
 * the fleet (not drawn), so every fleet of a given size has the same few bad hosts and a newcomer always meets
 * each kind: of 200 hosts, about 9 flaky, 5 degraded and 4 dishonest.
 */
enum DemoConduct {
    /** Keeps its promises: stays online, measures what its GPU should. */
    STEADY,
    /** Drops off the network now and then and comes back: its pods are lost, its reliability pays. */
    FLAKY,
    /** Its GPUs run hot: its next benchmark comes in well below its SKU's baseline (thermal throttling). */
    DEGRADED,
    /**
     * Claims a GPU it does not have: reports figures above the claimed GPU's physical limits and, unable to compute
     * the proof-of-GPU product fast enough, answers with a guessed one.
     */
    DISHONEST;

    static DemoConduct of(int indexInFleet) {
        if (indexInFleet % 50 == 25) {
            return DISHONEST;
        }
        if (indexInFleet % 33 == 10) {
            return DEGRADED;
        }
        return indexInFleet % 20 == 3 ? FLAKY : STEADY;
    }
}
