package dev.assay.api.metering;

import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.Money;
import java.time.Instant;

/** What one pod's metering came to: a closed set of outcomes, none of them an exception. */
sealed interface PodMetering {

    String podId();

    /** Not RUNNING (or no metering cursor): nothing to charge. */
    record NotRunning(String podId) implements PodMetering {
    }

    /**
     * Charged up to {@code billedUntil} (nothing, when the cursor was already there).
     *
     * @param rate    what the pod costs per hour now, for the balance guard
     * @param charged what this metering charged the renter
     */
    record Metered(String podId, String renterOrgId, HourlyRate rate, Money charged, Instant billedUntil)
            implements PodMetering {
    }

    /**
     * The renter's balance did not cover a period: charged up to {@code billedUntil} only. The balance guard
     * stops such a pod; seconds the renter could not pay are never charged later to a negative balance.
     */
    record Unfunded(String podId, String renterOrgId, HourlyRate rate, Money charged, Instant billedUntil,
            Money available, Money needed) implements PodMetering {
    }

    /** Another meter or a pod transition changed the pod while this one charged it: this one wrote nothing. */
    record LostRace(String podId) implements PodMetering {
    }

    /**
     * The pass's fencing token is no longer the newest: another instance leads metering now. Nothing written;
     * the pass stops here.
     */
    record Superseded(String podId, long fencingToken) implements PodMetering {
    }

    /** An infrastructure fault (logged): nothing written, the cursor did not move, the next pass tries again. */
    record Failed(String podId, String cause) implements PodMetering {
    }
}
