package dev.assay.bench.timefold;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementRequest;
import dev.assay.matching.placement.Reservation;
import dev.assay.matching.placement.Reservations;
import java.util.List;

/**
 * The greedy side of benchmark (c): the engine's placement applied to a batch one pod after another, in the
 * batch's order, each plan reserved on the snapshot before the next decision (as the marketplace does).
 * A pod whose decision is NoCapacity, or whose reservation fails, is unplaced.
 */
public final class GreedyBatch {

    private GreedyBatch() {}

    /** Places {@code requests} in order on a market of {@code hosts}; returns the batch's cost. */
    public static BatchCost place(List<Host> hosts, List<PlacementRequest> requests, PlacementPipeline pipeline) {
        InventorySnapshot snapshot = InventorySnapshot.of(hosts);
        long placed = 0;
        int unplaced = 0;
        for (PlacementRequest request : requests) {
            if (pipeline.place(snapshot, request) instanceof PlacementDecision.Placed decision
                    && Reservations.reserve(snapshot, decision.plan()) instanceof Reservation.Reserved reserved) {
                snapshot = reserved.snapshot();
                placed = Math.addExact(placed, decision.plan().pricePerHour().micros());
            } else {
                unplaced++;
            }
        }
        return new BatchCost(placed, unplaced);
    }
}
