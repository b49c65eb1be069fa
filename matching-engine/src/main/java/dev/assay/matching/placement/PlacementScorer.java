package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/**
 * One ranking criterion of placement, applied only to hosts every filter accepted.
 *
 * <p>Pure, stateless, thread-safe; runs once per feasible candidate, so it should not allocate.
 */
public interface PlacementScorer {

    /** A short stable name, e.g. {@code "value"}: the key in {@link ScoreBreakdown#byScorer()}. */
    String name();

    /** How good {@code host} is for {@code request} on this criterion: 0 (worst) to 1 (best). */
    double score(PlacementRequest request, Host host);
}
