package dev.assay.matching.bidbook;

import dev.assay.pricing.Money;

/** Where one interruptible bid stands in its host's book. */
public sealed interface BidStatus {

    /** The pod holds GPUs and pays {@code payablePerGpuHour} (the clearing price, capped at its bid). */
    record Running(Money payablePerGpuHour) implements BidStatus {
    }

    /** The pod holds no GPU; its disk is kept and it starts when the bid wins GPUs. */
    record Waiting(WaitReason reason) implements BidStatus {
    }

    /** Why a bid waits. */
    enum WaitReason {
        /** The bid is below the host's minimum bid. */
        BELOW_MINIMUM,
        /** Fewer GPUs are left than it asks for, once on-demand pods and the bids that outrank it are served. */
        NOT_ENOUGH_FREE_GPUS
    }
}
