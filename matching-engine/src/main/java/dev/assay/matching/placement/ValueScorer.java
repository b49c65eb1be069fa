package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;
import dev.assay.pricing.Money;

/**
 * Value: the pod's Assay Score (score per GPU × GPUs) per dollar-hour of its expected all-in price
 * ({@link PodPrice#expectedPerHour}).
 *
 * <p>Mapped to [0, 1) by {@code v / (v + }{@value #HALF_SCORE_VALUE}{@code )}: a host giving 200 score
 * points per dollar-hour scores 0.5. A fixed curve rather than "relative to the best candidate" keeps a
 * host's score independent of which other hosts were sampled, so decisions are easy to explain; it is
 * monotonic, so the better value always scores higher. A host that charges nothing scores 1.
 */
final class ValueScorer implements PlacementScorer {

    static final String NAME = "value";
    /** Score points per dollar-hour that map to 0.5: roughly a reference GPU (score 100) at $0.50/h. */
    static final double HALF_SCORE_VALUE = 200.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(PlacementRequest request, Host host) {
        if (host.offer().isEmpty()) {
            return 0;
        }
        return of(host.scorePerGpu(), request.gpuCount(), PodPrice.expectedPerHour(request, host.offer().get()));
    }

    /** The score of {@code gpus} GPUs of {@code scorePerGpu} at an expected all-in {@code perHour}. */
    static double of(double scorePerGpu, int gpus, Money perHour) {
        if (!perHour.isPositive()) {
            return 1;
        }
        double value = scorePerGpu * gpus / perHour.toDollarsApprox();
        return value / (value + HALF_SCORE_VALUE);
    }
}
