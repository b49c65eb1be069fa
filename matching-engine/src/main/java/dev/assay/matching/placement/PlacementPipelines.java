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
        List<PlacementFilter> filters = List.of(
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
        Map<PlacementScorer, Double> scorers = new LinkedHashMap<>();
        scorers.put(new ValueScorer(), VALUE_WEIGHT);
        scorers.put(new ReliabilityScorer(), RELIABILITY_WEIGHT);
        scorers.put(new BinPackScorer(), BIN_PACK_WEIGHT);
        scorers.put(new LocalityScorer(), LOCALITY_WEIGHT);
        return new PlacementPipeline(filters, scorers, limits);
    }
}
