package dev.assay.matching.placement;

import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import java.util.BitSet;
import java.util.Optional;

/**
 * Applies placement plans to an in-memory snapshot: a plan takes capacity from its host, a stopped pod
 * gives it back. The marketplace commits plans in its database; this is the same arithmetic for the
 * engine's own use, its tests and its benchmarks (place, reserve, place again).
 *
 * <p>Each call returns a new snapshot through {@link InventorySnapshot#with(Host)}; the old one is unchanged.
 */
public final class Reservations {

    private Reservations() {
    }

    /**
     * Takes the plan's GPUs, CPU cores, RAM and disk from its host, if they are all still free.
     *
     * @return {@link Reservation.Reserved} with the new snapshot, or {@link Reservation.Conflict} saying what
     *     no longer fits
     * @throws IllegalArgumentException if the snapshot or plan is null
     */
    public static Reservation reserve(InventorySnapshot snapshot, PlacementPlan plan) {
        requireArguments(snapshot, plan);
        Optional<Host> found = snapshot.host(plan.hostId());
        if (found.isEmpty()) {
            return new Reservation.Conflict(plan.hostId(), "the host has left the market");
        }
        Host host = found.get();
        FreeCapacity free = host.free();
        BitSet gpus = free.freeGpus();
        for (int index : plan.gpuIndices()) {
            if (index < 0 || index >= host.gpuCount() || !gpus.get(index)) {
                return new Reservation.Conflict(plan.hostId(), "GPU " + index + " is no longer free");
            }
            gpus.clear(index);
        }
        if (free.cpuCores() < plan.cpuCores() || free.ramGb() < plan.ramGb() || free.diskGb() < plan.diskGb()) {
            return new Reservation.Conflict(plan.hostId(), "the host has only " + free.cpuCores() + " CPU cores, "
                    + free.ramGb() + " GB RAM and " + free.diskGb() + " GB disk free");
        }
        FreeCapacity left = new FreeCapacity(gpus, free.cpuCores() - plan.cpuCores(), free.ramGb() - plan.ramGb(),
                free.diskGb() - plan.diskGb());
        return new Reservation.Reserved(snapshot.with(host.withFree(left)));
    }

    /**
     * Gives a stopped pod's capacity back to its host. A host that has left the market has nothing to give
     * back to: the snapshot is returned unchanged.
     *
     * @throws IllegalArgumentException if the snapshot or plan is null, or the plan's GPUs are free already
     *     or its resources would exceed the host's totals (the plan was never reserved, or released twice)
     */
    public static InventorySnapshot release(InventorySnapshot snapshot, PlacementPlan plan) {
        requireArguments(snapshot, plan);
        Optional<Host> found = snapshot.host(plan.hostId());
        if (found.isEmpty()) {
            return snapshot;
        }
        Host host = found.get();
        FreeCapacity free = host.free();
        BitSet gpus = free.freeGpus();
        for (int index : plan.gpuIndices()) {
            if (index < 0 || index >= host.gpuCount() || gpus.get(index)) {
                throw new IllegalArgumentException("GPU " + index + " of host " + plan.hostId()
                        + " is not reserved: the plan was never reserved or was released twice");
            }
            gpus.set(index);
        }
        long cpu = (long) free.cpuCores() + plan.cpuCores();
        long ram = free.ramGb() + plan.ramGb();
        long disk = free.diskGb() + plan.diskGb();
        if (cpu > host.cpuCores() || ram > host.ramGb() || disk > host.diskGb()) {
            throw new IllegalArgumentException("releasing the plan would give host " + plan.hostId()
                    + " more free CPU, RAM or disk than it has");
        }
        return snapshot.with(host.withFree(new FreeCapacity(gpus, (int) cpu, ram, disk)));
    }

    private static void requireArguments(InventorySnapshot snapshot, PlacementPlan plan) {
        if (snapshot == null || plan == null) {
            throw new IllegalArgumentException("snapshot and plan are required");
        }
    }
}
