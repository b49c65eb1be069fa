package dev.assay.bench.timefold;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementPipelines;
import dev.assay.matching.placement.PlacementRequest;
import dev.assay.matching.placement.Reservation;
import dev.assay.matching.placement.Reservations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (c) The greedy placement (the engine's pipeline, one pod after another, each reservation applied to the
 * snapshot) against Timefold Solver on the same batch: minimise the batch's all-in price per hour, with a
 * penalty per unplaced pod, without overcommitting any host. Feasibility per (pod, host) comes from the
 * engine's own filters (a one-host snapshot), so both sides obey the same rules.
 */
public final class TimefoldBaseline {

    /** What leaving a pod unplaced costs, in micro-dollars per hour: more than any single pod's price. */
    public static final long UNPLACED_PENALTY_MICROS = 100_000_000L;

    /** The two solutions' costs and times. */
    public record Outcome(int pods, long greedyCostMicros, int greedyUnplaced, double greedySeconds,
            long timefoldCostMicros, int timefoldUnplaced, long timefoldHardScore, double timefoldSeconds) {}

    private TimefoldBaseline() {}

    public static Outcome run(List<Host> hosts, List<PlacementRequest> requests, Duration solverTime) {
        PlacementPipeline pipeline = PlacementPipelines.standard();

        long start = System.nanoTime();
        InventorySnapshot snapshot = InventorySnapshot.of(hosts);
        long greedyCost = 0;
        int greedyUnplaced = 0;
        for (PlacementRequest request : requests) {
            PlacementDecision decision = pipeline.place(snapshot, request);
            if (decision instanceof PlacementDecision.Placed placed
                    && Reservations.reserve(snapshot, placed.plan()) instanceof Reservation.Reserved reserved) {
                snapshot = reserved.snapshot();
                greedyCost += placed.plan().pricePerHour().micros();
            } else {
                greedyUnplaced++;
                greedyCost += UNPLACED_PENALTY_MICROS;
            }
        }
        double greedySeconds = (System.nanoTime() - start) / 1e9;

        PlacementBatch problem = problem(hosts, requests, pipeline);
        SolverConfig config = new SolverConfig()
                .withSolutionClass(PlacementBatch.class)
                .withEntityClasses(PodAssignment.class)
                .withConstraintProviderClass(PlacementConstraints.class)
                .withTerminationSpentLimit(solverTime);
        Solver<PlacementBatch> solver = SolverFactory.<PlacementBatch>create(config).buildSolver();
        long solveStart = System.nanoTime();
        PlacementBatch solved = solver.solve(problem);
        double timefoldSeconds = (System.nanoTime() - solveStart) / 1e9;

        long timefoldCost = 0;
        int timefoldUnplaced = 0;
        for (PodAssignment pod : solved.getPods()) {
            if (pod.getHost() == null) {
                timefoldUnplaced++;
                timefoldCost += UNPLACED_PENALTY_MICROS;
            } else {
                timefoldCost += pod.costMicros();
            }
        }
        return new Outcome(requests.size(), greedyCost, greedyUnplaced, greedySeconds, timefoldCost,
                timefoldUnplaced, solved.getScore().hardScore(), timefoldSeconds);
    }

    /** Each pod with the hosts the engine's filters accept for it, and its all-in price on each. */
    static PlacementBatch problem(List<Host> hosts, List<PlacementRequest> requests, PlacementPipeline pipeline) {
        List<HostCapacity> capacities = new ArrayList<>(hosts.size());
        Map<HostCapacity, InventorySnapshot> alone = new HashMap<>();
        for (Host host : hosts) {
            HostCapacity capacity = new HostCapacity(host);
            capacities.add(capacity);
            alone.put(capacity, InventorySnapshot.of(List.of(host)));
        }
        List<PodAssignment> pods = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            PlacementRequest request = requests.get(i);
            List<HostCapacity> feasible = new ArrayList<>();
            List<Long> costs = new ArrayList<>();
            for (HostCapacity capacity : capacities) {
                if (pipeline.place(alone.get(capacity), request) instanceof PlacementDecision.Placed placed) {
                    feasible.add(capacity);
                    costs.add(placed.plan().pricePerHour().micros());
                }
            }
            pods.add(new PodAssignment(i, request, feasible, costs.stream().mapToLong(Long::longValue).toArray()));
        }
        return new PlacementBatch(capacities, pods);
    }
}
