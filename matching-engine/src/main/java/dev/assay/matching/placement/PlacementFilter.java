package dev.assay.matching.placement;

import dev.assay.matching.inventory.Host;

/**
 * One feasibility rule of placement: can this host take this pod at all?
 *
 * <p>Implementations are pure, stateless and thread-safe, and {@link #accepts} runs once per candidate
 * host, so it must not allocate. A host rejected by a filter is counted against that filter's
 * {@link #rule()}; {@link #explain} turns the count into words for the renter.
 */
public interface PlacementFilter {

    /** A short stable name for the rule, e.g. {@code "gpu-count"}: the key of {@link PlacementDecision.NoCapacity#eliminatedBy()}. */
    String rule();

    /**
     * Whether this rule constrains {@code request} at all. A filter that does not (no tier asked for, no
     * maximum price...) is skipped for the whole decision, as Kubernetes' PreFilter "Skip" does: it would
     * accept every host, and skipping it saves a call per host examined.
     */
    default boolean appliesTo(PlacementRequest request) {
        return true;
    }

    /** Whether {@code host} meets this rule for {@code request}. */
    boolean accepts(PlacementRequest request, Host host);

    /** Plain words for "{@code hosts} hosts failed this rule", e.g. "812 lack 4 free GPUs". */
    String explain(PlacementRequest request, int hosts);
}
