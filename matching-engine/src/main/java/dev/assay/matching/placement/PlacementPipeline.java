package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.pricing.Money;
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
 *       hosts when any model will do), as {@link PlacementColumns}: primitive columns ordered by free GPU
 *       count. Whole models below the request's score or VRAM floor are left out, and within a model only the
 *       hosts with enough free GPUs are walked (free-GPU-first). Hosts left out count as eliminated by the
 *       rule that would have rejected them, counted only when nothing fits (only then are counts reported).</li>
 *   <li><b>Feasibility.</b> Starting at a seeded offset in the candidates and wrapping around, each host
 *       goes through the filters in order, read from the columns; the first filter that rejects it gets the
 *       count.</li>
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
    /** For each filter, how {@link ColumnChecks} applies it. */
    private final int[] filterKinds;
    /** For each scorer, how {@link #weightedScore(PlacementRequest, PlacementColumns, int)} applies it. */
    private final int[] scorerKinds;

    private static final int OTHER = 0;
    private static final int MODEL = 1;
    private static final int COUNT = 2;
    private static final int OFFER = 3;
    private static final int TIER = 4;
    private static final int VERIFIED = 5;
    private static final int LOCATION = 6;
    private static final int RELIABILITY = 7;
    private static final int CPU_RAM_DISK = 8;
    private static final int CUDA = 9;
    private static final int VALUE_SCORE = 1;
    private static final int RELIABILITY_SCORE = 2;
    private static final int BIN_PACK_SCORE = 3;
    private static final int LOCALITY_SCORE = 4;
    private static final int PRICE_SCORE = 5;

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
        this.filterKinds = new int[this.filters.length];
        for (int i = 0; i < this.filters.length; i++) {
            filterKinds[i] = kindOf(this.filters[i]);
        }
        this.scorerKinds = new int[this.scorers.length];
        for (int i = 0; i < this.scorers.length; i++) {
            scorerKinds[i] = kindOf(this.scorers[i]);
        }
    }

    public PlacementLimits limits() {
        return limits;
    }

    /** The scorers and their weights, in breakdown order. */
    Map<PlacementScorer, Double> scorerWeights() {
        Map<PlacementScorer, Double> byScorer = new LinkedHashMap<>();
        for (int i = 0; i < scorers.length; i++) {
            byScorer.put(scorers[i], weights[i]);
        }
        return byScorer;
    }

    /** The weighted score of {@code host} for {@code request}, read from the host record (tests compare). */
    double score(PlacementRequest request, Host host) {
        return weightedScore(request, host);
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
        Collection<String> models = request.gpuModels().isEmpty() ? snapshot.gpuModels() : request.gpuModels();
        PlacementColumns[] columns = new PlacementColumns[models.size()];
        int[] starts = new int[models.size()];
        int[] sizes = new int[models.size()];
        int segments = 0;
        int inModels = 0;
        for (String modelId : models) {
            Optional<PlacementColumns> found =
                    snapshot.derivedForGpuModel(modelId, PlacementColumns.class, PlacementColumns::of);
            if (found.isEmpty() || found.get().belowFloors(request)) {
                continue; // charged to the gpu-model rule with the hosts of models not asked for
            }
            PlacementColumns model = found.get();
            inModels += model.size();
            // Free-GPU-first: with the gpu-count rule right after the gpu-model rule, a host with too few free
            // GPUs is rejected by one of the two whatever else it is, so the walk starts at the first host
            // with enough free GPUs and the hosts before it are counted only if nothing fits.
            int start = gpuCountRule >= 0 ? model.firstWithFree(request.gpuCount()) : 0;
            columns[segments] = model;
            starts[segments] = start;
            sizes[segments] = model.size() - start;
            segments++;
        }
        int outsideIndex = snapshot.size() - inModels;
        eliminated[gpuModelRule] += outsideIndex;

        ColumnChecks checks = new ColumnChecks(request, activeFilters(request));
        CandidateCursor cursor = new CandidateCursor(Arrays.copyOf(sizes, segments), request.seed());
        int budget = limits.maxHostsExamined();
        int wanted = limits.feasibleCandidates();
        Host best = null;
        double bestScore = -1;
        int feasible = 0;
        int visited = 0;
        walk:
        for (int piece = 0; piece < cursor.pieces(); piece++) {
            int segment = cursor.segment(piece);
            PlacementColumns model = columns[segment];
            int end = starts[segment] + cursor.to(piece);
            for (int i = starts[segment] + cursor.from(piece); i < end; i++) {
                if (visited == budget || feasible == wanted) {
                    break walk;
                }
                visited++;
                int failed = checks.firstFailing(model, i);
                if (failed >= 0) {
                    eliminated[failed]++;
                    continue;
                }
                feasible++;
                double score = weightedScore(request, model, i);
                if (score > bestScore || (score == bestScore && model.hosts[i].id().compareTo(best.id()) < 0)) {
                    best = model.hosts[i];
                    bestScore = score;
                }
            }
        }
        if (best != null) {
            return new PlacementDecision.Placed(planFor(request, best));
        }
        int skipped = 0;
        for (int segment = 0; segment < segments; segment++) {
            skipped += chargeSkipped(columns[segment], starts[segment], request, eliminated);
        }
        return PlacementDecision.NoCapacity.of(List.of(filters), eliminated, request,
                outsideIndex + skipped + visited, snapshot.size());
    }

    /**
     * Charges the {@code skipped} hosts a model's walk started after (too few free GPUs) to the rule a
     * host-by-host walk would have charged: gpu-model when the host misses the score or VRAM floor, else
     * gpu-count. Runs only for a no-capacity answer, the one that reports counts.
     */
    private int chargeSkipped(PlacementColumns model, int skipped, PlacementRequest request, int[] eliminated) {
        if (skipped == 0) {
            return 0;
        }
        int belowFloors = model.aboveFloors(request) ? 0 : model.belowFloorsIn(skipped, request);
        eliminated[gpuModelRule] += belowFloors;
        eliminated[gpuCountRule] += skipped - belowFloors;
        return skipped;
    }

    /**
     * The active filters of one decision, applied to a host in the columns. The standard filters are read
     * from the columns (the same comparisons as their {@code accepts}, on primitives); any other filter, and
     * the price rule (exact money arithmetic, reached by few hosts as it comes last), gets the host record.
     */
    private final class ColumnChecks {
        private final PlacementRequest request;
        private final int[] active;
        private final int[] kinds;
        private final double minScore;
        private final double minVram;
        private final int gpuCount;
        private final long bidMicros;
        private final int tier;
        private final List<String> regions;
        private final List<String> datacenters;
        private final double minReliability;
        private final long cpuCores;
        private final long ramGb;
        private final long diskGb;
        private final int cuda;

        ColumnChecks(PlacementRequest request, int[] active) {
            this.request = request;
            this.active = active;
            this.kinds = new int[active.length];
            for (int k = 0; k < active.length; k++) {
                kinds[k] = filterKinds[active[k]];
            }
            minScore = request.minScorePerGpu();
            minVram = request.minVramGbPerGpu();
            gpuCount = request.gpuCount();
            bidMicros = request.bidPerGpuHour().map(Money::micros).orElse(Long.MAX_VALUE);
            tier = request.tier().map(Enum::ordinal).orElse(-1);
            regions = request.regions();
            datacenters = request.datacenters();
            minReliability = request.minReliability();
            cpuCores = request.cpuCores();
            ramGb = request.ramGb();
            diskGb = request.diskGb();
            cuda = request.minCudaVersion().map(CudaVersion::code).orElse(0);
        }

        /** The index of the first active filter that rejects host {@code i} of {@code c}, or -1. */
        int firstFailing(PlacementColumns c, int i) {
            for (int k = 0; k < kinds.length; k++) {
                boolean accepts = switch (kinds[k]) {
                    case MODEL -> c.score[i] >= minScore && c.vramGb[i] >= minVram;
                    case COUNT -> c.freeGpus[i] >= gpuCount;
                    case OFFER -> c.listed[i] && gpuCount >= c.minGpusPerPod[i] && bidMicros >= c.minimumBidMicros[i];
                    case TIER -> c.tier[i] == tier;
                    case VERIFIED -> c.verified[i];
                    case LOCATION -> (regions.isEmpty() || regions.contains(c.region[i]))
                            && (datacenters.isEmpty() || datacenters.contains(c.datacenter[i]));
                    case RELIABILITY -> c.reliability[i] >= minReliability;
                    case CPU_RAM_DISK -> c.freeCpuCores[i] >= cpuCores && c.freeRamGb[i] >= ramGb
                            && c.freeDiskGb[i] >= diskGb;
                    case CUDA -> c.cuda[i] >= 0 && c.cuda[i] >= cuda;
                    default -> filters[active[k]].accepts(request, c.hosts[i]);
                };
                if (!accepts) {
                    return active[k];
                }
            }
            return -1;
        }
    }

    private static int kindOf(PlacementScorer scorer) {
        return switch (scorer) {
            case ValueScorer s -> VALUE_SCORE;
            case ReliabilityScorer s -> RELIABILITY_SCORE;
            case BinPackScorer s -> BIN_PACK_SCORE;
            case LocalityScorer s -> LOCALITY_SCORE;
            case PriceScorer s -> PRICE_SCORE;
            default -> OTHER;
        };
    }

    /** How {@link ColumnChecks} applies each filter: one of the standard rules read from columns, or OTHER. */
    private static int kindOf(PlacementFilter filter) {
        return switch (filter) {
            case GpuModelFilter f -> MODEL;
            case GpuCountFilter f -> COUNT;
            case OfferFilter f -> OFFER;
            case TierFilter f -> TIER;
            case VerifiedFilter f -> VERIFIED;
            case LocationFilter f -> LOCATION;
            case ReliabilityFilter f -> RELIABILITY;
            case CpuRamDiskFilter f -> CPU_RAM_DISK;
            case CudaVersionFilter f -> CUDA;
            default -> OTHER;
        };
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

    /**
     * {@link #weightedScore(PlacementRequest, Host)} of host {@code i} of the columns: the standard scorers'
     * arithmetic on the columns (so the same doubles), any other scorer on the host record.
     */
    private double weightedScore(PlacementRequest request, PlacementColumns c, int i) {
        double sum = 0;
        for (int k = 0; k < scorers.length; k++) {
            if (weights[k] > 0) {
                double score = switch (scorerKinds[k]) {
                    case VALUE_SCORE -> c.listed[i] ? ValueScorer.of(c.score[i], request.gpuCount(), c.expectedPerHour(i, request)) : 0;
                    case RELIABILITY_SCORE -> Math.clamp(c.reliability[i], 0.0, 1.0);
                    case BIN_PACK_SCORE -> BinPackScorer.of(request.gpuCount(), c.freeGpus[i], c.gpuTotal[i]);
                    case LOCALITY_SCORE -> LocalityScorer.of(request, c.region[i], c.datacenter[i]);
                    case PRICE_SCORE -> c.listed[i] ? PriceScorer.of(c.expectedPerHour(i, request)) : 0;
                    default -> scorers[k].score(request, c.hosts[i]);
                };
                sum += weights[k] * score;
            }
        }
        return sum / weightSum;
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
