package dev.assay.matching.placement;

/**
 * How much each placement scorer counts in the weighted score that ranks feasible hosts
 * ({@link PlacementPipelines#weighted}). Each weight is finite and not negative, at least one is positive;
 * only the ratios matter (the score is the weighted mean). A scorer with weight 0 is left out of the pipeline.
 *
 * @param value Assay Score per dollar-hour of the expected all-in price
 * @param reliability the host's conservative reliability
 * @param binPack how fully the pod fills the host's free GPUs (keeps big hosts whole)
 * @param locality the position of the host's datacenter or region in the renter's list
 * @param price cheapness of the expected all-in price per hour, whatever the GPU's speed
 */
public record ScorerWeights(double value, double reliability, double binPack, double locality, double price) {

    /** The marketplace's default: what a renter gets for the money first, then how likely the host stays up. */
    public static final ScorerWeights STANDARD = new ScorerWeights(PlacementPipelines.VALUE_WEIGHT,
            PlacementPipelines.RELIABILITY_WEIGHT, PlacementPipelines.BIN_PACK_WEIGHT, PlacementPipelines.LOCALITY_WEIGHT, 0);

    /** The cheapest feasible host wins: for batch placement whose objective is the total price. */
    public static final ScorerWeights PRICE_ONLY = new ScorerWeights(0, 0, 0, 0, 1);

    public ScorerWeights {
        double[] all = {value, reliability, binPack, locality, price};
        double sum = 0;
        for (double weight : all) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("scorer weights must be finite and >= 0, were " + this);
            }
            sum += weight;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one scorer weight must be positive");
        }
    }

    @Override
    public String toString() {
        return "value " + value + ", reliability " + reliability + ", bin-pack " + binPack + ", locality " + locality
                + ", price " + price;
    }
}
