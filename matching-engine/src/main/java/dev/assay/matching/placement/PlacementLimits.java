package dev.assay.matching.placement;

/**
 * Bounds on the work of one placement decision.
 *
 * @param feasibleCandidates stop looking once this many hosts passed every filter, and pick the best of
 *     them (Nomad's "limit" stage: the best of a sample is nearly as good as the best of all, at a bounded
 *     cost)
 * @param maxHostsExamined stop looking after this many hosts, feasible or not, so a saturated market
 *     cannot make one decision scan the whole inventory
 */
public record PlacementLimits(int feasibleCandidates, int maxHostsExamined) {

    /**
     * The best of 16 feasible candidates; at most 4,096 hosts examined.
     *
     * <p>Why 16: Nomad samples {@code max(2, log2 n)} feasible nodes, about 17 at 100 k; and the walk is
     * bound by memory more than arithmetic, so its cost grows with the sample. At 16 the standard pipeline
     * makes 300–480 k decisions/s at 100 k hosts on one shared core (docs/benchmarks.md, benchmark (a)).
     */
    public static final PlacementLimits DEFAULT = new PlacementLimits(16, 4_096);

    public PlacementLimits {
        if (feasibleCandidates < 1 || feasibleCandidates > 4_096) {
            throw new IllegalArgumentException("feasibleCandidates must be between 1 and 4096, was " + feasibleCandidates);
        }
        if (maxHostsExamined < feasibleCandidates) {
            throw new IllegalArgumentException("maxHostsExamined must be at least feasibleCandidates ("
                    + feasibleCandidates + "), was " + maxHostsExamined);
        }
    }
}
