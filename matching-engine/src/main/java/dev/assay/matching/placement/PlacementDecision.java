package dev.assay.matching.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer to a {@link PlacementRequest}: a plan, or a precise account of why no host fits. */
public sealed interface PlacementDecision {

    /** A host was found. */
    record Placed(PlacementPlan plan) implements PlacementDecision {
        public Placed {
            if (plan == null) {
                throw new IllegalArgumentException("plan is required");
            }
        }
    }

    /**
     * No host fits. Each host looked at is counted once, against the first rule (in pipeline order) that
     * eliminated it, so the counts add up to {@code hostsConsidered}.
     *
     * @param eliminatedBy hosts eliminated per rule name ({@code "gpu-count"}, {@code "cuda"}, ...), rules
     *     that eliminated none left out, in pipeline order
     * @param explanations the same counts in words, largest first: "812 lack 4 free GPUs"
     * @param hostsConsidered hosts accounted for: hosts the GPU-model index ruled out plus hosts examined
     * @param hostsInSnapshot all hosts of the snapshot; more than {@code hostsConsidered} when the search
     *     stopped at its bound on hosts examined (a retry with another seed looks at others)
     */
    record NoCapacity(Map<String, Integer> eliminatedBy, List<String> explanations, int hostsConsidered,
                      int hostsInSnapshot) implements PlacementDecision {

        public NoCapacity {
            if (eliminatedBy == null || explanations == null) {
                throw new IllegalArgumentException("eliminatedBy and explanations are required");
            }
            eliminatedBy = Collections.unmodifiableMap(new LinkedHashMap<>(eliminatedBy));
            explanations = List.copyOf(explanations);
            if (hostsConsidered < 0 || hostsConsidered > hostsInSnapshot) {
                throw new IllegalArgumentException("hostsConsidered must be between 0 and hostsInSnapshot");
            }
        }

        /** Whether every host of the snapshot was accounted for. */
        public boolean exhaustive() {
            return hostsConsidered == hostsInSnapshot;
        }

        /**
         * For the renter, e.g. "no host fits: 812 lack 4 free GPUs, 97 run CUDA below 12.4, 30 are above
         * your max price $2.00/h".
         */
        public String message() {
            if (hostsInSnapshot == 0) {
                return "no host fits: the market has no hosts";
            }
            String reasons = String.join(", ", explanations);
            return exhaustive()
                    ? "no host fits: " + reasons
                    : "no host fits among the " + hostsConsidered + " of " + hostsInSnapshot
                            + " hosts looked at: " + reasons + " (try again with another seed)";
        }

        /** Builds a NoCapacity from per-rule counts in pipeline order. */
        static NoCapacity of(List<PlacementFilter> filters, int[] eliminated, PlacementRequest request,
                             int hostsConsidered, int hostsInSnapshot) {
            Map<String, Integer> byRule = new LinkedHashMap<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                if (eliminated[i] > 0) {
                    byRule.put(filters.get(i).rule(), eliminated[i]);
                    order.add(i);
                }
            }
            order.sort(Comparator.comparingInt((Integer i) -> eliminated[i]).reversed());
            List<String> explanations = order.stream()
                    .map(i -> filters.get(i).explain(request, eliminated[i]))
                    .toList();
            return new NoCapacity(byRule, explanations, hostsConsidered, hostsInSnapshot);
        }
    }
}
