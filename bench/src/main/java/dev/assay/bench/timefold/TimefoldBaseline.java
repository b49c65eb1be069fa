package dev.assay.bench.timefold;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementLimits;
import dev.assay.matching.placement.PlacementPipelines;
import dev.assay.matching.placement.ScorerWeights;
import dev.assay.matching.placement.PlacementRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * (c) The greedy placement ({@link GreedyBatch}: the engine's pipeline, one pod after another, each plan
 * reserved on the snapshot) against Timefold Solver on the same batch: minimise the batch's all-in price per
 * hour, with {@link BatchCost#UNPLACED_PENALTY_MICROS} per unplaced pod, without overcommitting any host.
 * Feasibility per (pod, host) comes from the engine's own filters (a one-host snapshot), so both sides obey
 * the same rules; Timefold only has to respect capacity on top.
 */
public final class TimefoldBaseline {

    /**
     * The solutions' costs and the time each took; Timefold's hard score is 0 when no host is overcommitted.
     * {@code greedy} is the standard (value-first, sampled) pipeline; {@code priceGreedy} the price-only
     * pipeline ranking every feasible host ({@link #priceOnlyPipeline()}), the like-for-like comparison.
     */
    public record Outcome(int pods, BatchCost greedy, double greedySeconds, BatchCost priceGreedy,
            double priceGreedySeconds, BatchCost timefold, long timefoldHardScore, double timefoldSeconds) {}

    /**
     * Greedy with Timefold's objective: the price scorer alone, and no sampling (every feasible host of a
     * market of up to 4,096 hosts is ranked), so each pod takes the cheapest host left for it.
     */
    public static PlacementPipeline priceOnlyPipeline() {
        return PlacementPipelines.weighted(ScorerWeights.PRICE_ONLY, new PlacementLimits(4_096, Integer.MAX_VALUE));
    }

    private TimefoldBaseline() {}

    public static Outcome run(List<Host> hosts, List<PlacementRequest> requests, Duration solverTime) {
        PlacementPipeline pipeline = PlacementPipelines.standard();

        long start = System.nanoTime();
        BatchCost greedy = GreedyBatch.place(hosts, requests, pipeline);
        double greedySeconds = (System.nanoTime() - start) / 1e9;
        long priceStart = System.nanoTime();
        BatchCost priceGreedy = GreedyBatch.place(hosts, requests, priceOnlyPipeline());
        double priceGreedySeconds = (System.nanoTime() - priceStart) / 1e9;

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

        return new Outcome(requests.size(), greedy, greedySeconds, priceGreedy, priceGreedySeconds, cost(solved.getPods()),
                solved.getScore().hardScore(), timefoldSeconds);
    }

    /** The cost of an assignment: each placed pod's price on its host, the penalty for each unplaced one. */
    static BatchCost cost(List<PodAssignment> pods) {
        long placed = 0;
        int unplaced = 0;
        for (PodAssignment pod : pods) {
            if (pod.getHost() == null) {
                unplaced++;
            } else {
                placed = Math.addExact(placed, pod.costMicros());
            }
        }
        return new BatchCost(placed, unplaced);
    }

    /** Each pod with the hosts the engine's filters accept for it, and its all-in price on each. */
    static PlacementBatch problem(List<Host> hosts, List<PlacementRequest> requests, PlacementPipeline pipeline) {
        List<HostCapacity> capacities = new ArrayList<>(hosts.size());
        List<InventorySnapshot> alone = new ArrayList<>(hosts.size());
        for (Host host : hosts) {
            capacities.add(new HostCapacity(capacities.size(), host));
            alone.add(InventorySnapshot.of(List.of(host)));
        }
        List<PodAssignment> pods = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            PlacementRequest request = requests.get(i);
            List<HostCapacity> feasible = new ArrayList<>();
            long[] costs = new long[hosts.size()];
            Arrays.fill(costs, -1);
            for (HostCapacity capacity : capacities) {
                if (pipeline.place(alone.get(capacity.index()), request) instanceof PlacementDecision.Placed placed) {
                    feasible.add(capacity);
                    costs[capacity.index()] = placed.plan().pricePerHour().micros();
                }
            }
            pods.add(new PodAssignment(i, request, feasible, costs));
        }
        return new PlacementBatch(capacities, pods);
    }
}
