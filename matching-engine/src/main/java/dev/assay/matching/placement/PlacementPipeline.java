package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places one pod: candidates → feasibility → rank → limit → select, in the manner of Nomad's scheduler.
 *
 * <ol>
 *   <li><b>Candidates.</b> The snapshot's per-GPU-model index gives the hosts of the models asked for (all
 *       hosts when any model will do). Whole models below the request's score or VRAM floor, and hosts with
 *       too few free GPUs in models that meet the floors, are left out by per-model bounds
 *       ({@link ModelBounds}). Hosts left out count as eliminated by the rule that would have rejected them.</li>
 *   <li><b>Feasibility.</b> Starting at a seeded offset in the candidate list and wrapping around, each host
 *       goes through the filters in order; the first filter that rejects it gets the count.</li>
 *   <li><b>Limit.</b> The walk stops after {@link PlacementLimits#feasibleCandidates()} feasible hosts or
 *       {@link PlacementLimits#maxHostsExamined()} hosts in all, whichever comes first.</li>
 *   <li><b>Rank and select.</b> Each feasible host gets the weighted mean of the scorers; the highest wins,
 *       ties to the smaller host id.</li>
 * </ol>
 * Deterministic: the same snapshot, request and seed give the same decision. Thread-safe: the pipeline
 * holds no mutable state. The walk allocates nothing per host; only the winner's plan and the
 * {@link PlacementDecision.NoCapacity} account are built as objects.
 */
public final class PlacementPipeline {

    private final PlacementFilter[] filters;
    private final PlacementScorer[] scorers;
    private final double[] weights;
    private final double weightSum;
    private final PlacementLimits limits;
    private final int gpuModelRule;
    /** Index of the gpu-count filter when it runs right after the gpu-model filter, else -1 (no pruning by it). */
    private final int gpuCountRule;

    /**
     * @param filters feasibility rules in the order they run; must include {@link GpuModelFilter}, which
     *     is charged with the hosts the model index leaves out
     * @param scorers ranking criteria with their weights (not negative, at least one positive)
     */
    PlacementPipeline(List<PlacementFilter> filters, Map<PlacementScorer, Double> scorers, PlacementLimits limits) {
        this.filters = filters.toArray(PlacementFilter[]::new);
        this.scorers = scorers.keySet().toArray(PlacementScorer[]::new);
        this.weights = new double[this.scorers.length];
        double sum = 0;
        for (int i = 0; i < this.scorers.length; i++) {
            double weight = scorers.get(this.scorers[i]);
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("scorer weights must be finite and >= 0, " + this.scorers[i].name()
                        + " has " + weight);
            }
            weights[i] = weight;
            sum += weight;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one scorer weight must be positive");
        }
        this.weightSum = sum;
        this.limits = limits;
        int modelRule = -1;
        for (int i = 0; i < this.filters.length; i++) {
            if (this.filters[i].rule().equals(GpuModelFilter.RULE)) {
                modelRule = i;
            }
        }
        if (modelRule < 0) {
            throw new IllegalArgumentException("a pipeline needs the " + GpuModelFilter.RULE + " filter");
        }
        this.gpuModelRule = modelRule;
        this.gpuCountRule = modelRule + 1 < this.filters.length
                && this.filters[modelRule + 1].rule().equals(GpuCountFilter.RULE) ? modelRule + 1 : -1;
    }

    public PlacementLimits limits() {
        return limits;
    }

    /**
     * Decides where {@code request}'s pod goes in {@code snapshot}.
     *
     * @throws IllegalArgumentException if the snapshot or request is null
     */
    public PlacementDecision place(InventorySnapshot snapshot, PlacementRequest request) {
        if (snapshot == null || request == null) {
            throw new IllegalArgumentException("snapshot and request are required");
        }
        int[] eliminated = new int[filters.length];
        CandidateCursor candidates = new CandidateCursor(candidates(snapshot, request, eliminated), request.seed());
        int[] active = activeFilters(request);
        int outsideIndex = snapshot.size() - candidates.size();
        int prunedByCount = gpuCountRule >= 0 ? eliminated[gpuCountRule] : 0;
        eliminated[gpuModelRule] += outsideIndex - prunedByCount;

        Host best = null;
        double bestScore = -1;
        int feasible = 0;
        while (candidates.hasNext() && candidates.visited() < limits.maxHostsExamined()
                && feasible < limits.feasibleCandidates()) {
            Host host = candidates.next();
            int failed = firstFailingFilter(active, request, host);
            if (failed >= 0) {
                eliminated[failed]++;
                continue;
            }
            feasible++;
            double score = weightedScore(request, host);
            if (score > bestScore || (score == bestScore && host.id().compareTo(best.id()) < 0)) {
                best = host;
                bestScore = score;
            }
        }
        if (best == null) {
            return PlacementDecision.NoCapacity.of(List.of(filters), eliminated, request,
                    outsideIndex + candidates.visited(), snapshot.size());
        }
        return new PlacementDecision.Placed(planFor(request, best));
    }

    /**
     * The hosts worth walking: the models asked for (every model when any will do), less whole models that
     * cannot serve the request. A model whose best score or VRAM is below the request's floor is left out
     * (charged to the gpu-model rule, which would reject each of its hosts); and where every host of a model
     * passes the gpu-model rule, its hosts with too few free GPUs are left out (charged to the gpu-count
     * rule, the next in line). The counts stay what a host-by-host walk would give.
     */
    private List<List<Host>> candidates(InventorySnapshot snapshot, PlacementRequest request, int[] eliminated) {
        Collection<String> models = request.gpuModels().isEmpty() ? snapshot.gpuModels() : request.gpuModels();
        List<List<Host>> segments = new ArrayList<>(models.size());
        for (String modelId : models) {
            Optional<ModelBounds> bounds = snapshot.derivedForGpuModel(modelId, ModelBounds.class, ModelBounds::of);
            if (bounds.isEmpty() || bounds.get().belowFloors(request)) {
                continue;
            }
            ModelBounds model = bounds.get();
            if (gpuCountRule >= 0 && model.aboveFloors(request)) {
                // Every host passes the gpu-model rule, so the gpu-count rule is the one that rejects the
                // hosts with too few free GPUs: count them without walking them.
                eliminated[gpuCountRule] += model.hostsWithFewerFree(request.gpuCount());
                for (int free = request.gpuCount(); free < model.byFreeGpus().size(); free++) {
                    segments.add(model.byFreeGpus().get(free));
                }
                continue;
            }
            segments.add(snapshot.hostsWithGpuModel(modelId));
        }
        return segments;
    }

    /** Indices of the filters that constrain {@code request}, in pipeline order. */
    private int[] activeFilters(PlacementRequest request) {
        int[] active = new int[filters.length];
        int count = 0;
        for (int i = 0; i < filters.length; i++) {
            if (filters[i].appliesTo(request)) {
                active[count++] = i;
            }
        }
        return Arrays.copyOf(active, count);
    }

    /** The index of the first active filter that rejects {@code host}, or -1 if all accept it. */
    private int firstFailingFilter(int[] active, PlacementRequest request, Host host) {
        for (int i : active) {
            if (!filters[i].accepts(request, host)) {
                return i;
            }
        }
        return -1;
    }

    private double weightedScore(PlacementRequest request, Host host) {
        double sum = 0;
        for (int i = 0; i < scorers.length; i++) {
            if (weights[i] > 0) {
                sum += weights[i] * scorers[i].score(request, host);
            }
        }
        return sum / weightSum;
    }

    private PlacementPlan planFor(PlacementRequest request, Host host) {
        List<Integer> gpus = new ArrayList<>(request.gpuCount());
        for (int i = 0; i < host.gpuCount() && gpus.size() < request.gpuCount(); i++) {
            if (host.free().isFree(i)) {
                gpus.add(i);
            }
        }
        Map<String, Double> byScorer = new LinkedHashMap<>();
        for (PlacementScorer scorer : scorers) {
            byScorer.put(scorer.name(), scorer.score(request, host));
        }
        HostOffer offer = host.offer().orElseThrow(); // the offer filter let it through
        return new PlacementPlan(host.id(), gpus, request.cpuCores(), request.ramGb(), request.diskGb(),
                request.interruptible(), PodPrice.mostPerGpuHour(request, offer), PodPrice.mostPerHour(request, offer),
                new ScoreBreakdown(byScorer, Math.clamp(weightedScore(request, host), 0.0, 1.0)));
    }
}
