package dev.assay.matching.bidbook;

import dev.assay.pricing.Money;

/**
 * The clearing rule in one pass: which bids of a host run.
 *
 * <p>Bids are visited in rank order. A bid at or above the minimum runs if the GPUs left (after on-demand
 * pods and the bids already visited that run) cover all it asks for; no bid runs on part of its GPUs.
 * A bid that does not fit does not stop the visit: a smaller, lower bid further down may still run on
 * the GPUs that are left ("backfill"). Why backfill rather than stopping at the first bid that does not
 * fit: with a stop, raising a bid that still cannot fit would preempt every pod below it and leave their
 * GPUs idle; with backfill a pod is only ever stopped when its GPUs go to on-demand use or to a bid that
 * outranks it, and no GPU idles while an eligible bid fits. The big bid loses nothing: the pods that ran
 * on its leftovers are preempted the moment it fits.
 */
final class Allocation {

    private Allocation() {
    }

    /**
     * @param ranked the host's bids in rank order (highest first, ties to the smaller sequence)
     * @param gpusForInterruptible GPUs not held by on-demand pods
     * @return for each bid of {@code ranked}, whether it runs
     */
    static boolean[] running(Bid[] ranked, int gpusForInterruptible, Money minimumBidPerGpuHour) {
        boolean[] running = new boolean[ranked.length];
        int left = gpusForInterruptible;
        for (int i = 0; i < ranked.length && left > 0; i++) {
            Bid bid = ranked[i];
            if (bid.bidPerGpuHour().compareTo(minimumBidPerGpuHour) < 0) {
                break; // ranked by price: every later bid is below the minimum too
            }
            if (bid.gpus() <= left) {
                running[i] = true;
                left -= bid.gpus();
            }
        }
        return running;
    }
}
