package dev.assay.matching.placement;

import dev.assay.matching.inventory.InventorySnapshot;

/** The outcome of applying a {@link PlacementPlan} to a snapshot with {@link Reservations#reserve}. */
public sealed interface Reservation {

    /** The plan's GPUs, CPU cores, RAM and disk are now taken on its host in {@code snapshot}. */
    record Reserved(InventorySnapshot snapshot) implements Reservation {
        public Reserved {
            if (snapshot == null) {
                throw new IllegalArgumentException("snapshot is required");
            }
        }
    }

    /**
     * The plan no longer fits: the snapshot changed since the plan was made (the host left, or another
     * placement took its GPUs or resources). Place again against the newer snapshot.
     */
    record Conflict(String hostId, String reason) implements Reservation {
        public Conflict {
            if (hostId == null || reason == null) {
                throw new IllegalArgumentException("hostId and reason are required");
            }
        }
    }
}
