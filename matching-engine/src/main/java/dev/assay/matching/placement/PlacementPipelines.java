package dev.assay.matching.placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The placement pipelines of the marketplace, assembled in one place. */
public final class PlacementPipelines {

    /** Weights of the scorers: what a renter gets for the money first, then how likely the host stays up. */
    static final double VALUE_WEIGHT = 0.45;
    static final double RELIABILITY_WEIGHT = 0.30;
    static final double BIN_PACK_WEIGHT = 0.15;
    static final double LOCALITY_WEIGHT = 0.10;

    private PlacementPipelines() {
    }

    /** {@link #standard(PlacementLimits)} with {@link PlacementLimits#DEFAULT}. */
    public static PlacementPipeline standard() {
        return standard(PlacementLimits.DEFAULT);
    }

    /**
     * The standard pipeline.
     *
     * <p>Filter order: every host examined runs the filters until one rejects it, so the cheap and
     * selective ones go first, and the rule a host is charged with is the most telling one.
     * <ol>
     *   <li>gpu-model: one field compare, usually already true because candidates come from the model index;
     *       first so that a host of the wrong model is never reported as "too expensive".</li>
     *   <li>gpu-count: the most selective rule in a busy market (most hosts have few free GPUs).</li>
     *   <li>offer: unlisted hosts and minimum-pod or minimum-bid mismatches, one optional read.</li>
     *   <li>tier, verified, location, reliability: single-field compares the renter opted into; pass
     *       through when not asked for.</li>
     *   <li>cpu-ram-disk: three compares, rarely binding since hosts size them to their GPUs.</li>
     *   <li>cuda: parses the driver's version text (allocation-free, but more work than a compare).</li>
     *   <li>price: exact money arithmetic for the all-in price; last, as the most expensive.</li>
     * </ol>
     * Scorers: value {@value #VALUE_WEIGHT}, reliability {@value #RELIABILITY_WEIGHT}, bin-pack fit
     * {@value #BIN_PACK_WEIGHT}, locality {@value #LOCALITY_WEIGHT}.
     */
    public static PlacementPipeline standard(PlacementLimits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
        return weighted(ScorerWeights.STANDARD, limits);
    }

    /**
     * The standard filters with other scorer weights, e.g. {@link ScorerWeights#PRICE_ONLY} for a batch whose
     * objective is the total price. Scorers with weight 0 are left out (and out of the score breakdown);
     * {@code weighted(ScorerWeights.STANDARD, limits)} is {@link #standard(PlacementLimits)}.
     * With {@code new PlacementLimits(4096, Integer.MAX_VALUE)} every feasible host of a market of up to
     * 4,096 hosts is ranked, not a sample.
     *
     * @throws IllegalArgumentException if weights or limits are null
     */
    public static PlacementPipeline weighted(ScorerWeights weights, PlacementLimits limits) {
        if (weights == null || limits == null) {
            throw new IllegalArgumentException("weights and limits are required");
        }
        Map<PlacementScorer, Double> scorers = new LinkedHashMap<>();
        put(scorers, new ValueScorer(), weights.value());
        put(scorers, new ReliabilityScorer(), weights.reliability());
        put(scorers, new BinPackScorer(), weights.binPack());
        put(scorers, new LocalityScorer(), weights.locality());
        put(scorers, new PriceScorer(), weights.price());
        return new PlacementPipeline(standardFilters(), scorers, limits);
    }

    private static void put(Map<PlacementScorer, Double> scorers, PlacementScorer scorer, double weight) {
        if (weight > 0) {
            scorers.put(scorer, weight);
        }
    }

    /** The standard feasibility rules, in the order {@link #standard(PlacementLimits)} explains. */
    static List<PlacementFilter> standardFilters() {
        return List.of(
                new GpuModelFilter(),
                new GpuCountFilter(),
                new OfferFilter(),
                new TierFilter(),
                new VerifiedFilter(),
                new LocationFilter(),
                new ReliabilityFilter(),
                new CpuRamDiskFilter(),
                new CudaVersionFilter(),
                new PriceFilter());
    }
}
