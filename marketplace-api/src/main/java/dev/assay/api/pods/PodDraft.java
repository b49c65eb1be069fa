package dev.assay.api.pods;

import dev.assay.matching.placement.PlacementRequest;
import dev.assay.matching.search.OfferQuery;
import dev.assay.pricing.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod request that passed every check of {@link PodRules}: what the placement commits.
 *
 * @param offerId the host the renter picked from a search, if any (an offer id of GET /v1/offers names its host)
 * @param query offer query text the host must match (searched with the limit raised to its maximum)
 * @param placement the rules a host must meet, for the matching engine
 */
record PodDraft(String name, String image, PodType type, int gpuCount, int cpuCoresPerGpu, long ramGbPerGpu,
                long diskGb, Map<String, String> env, List<String> ports, Optional<Money> bidPerGpuHour,
                Optional<String> offerId, Optional<OfferQuery> query, PlacementRequest placement) {

    PodDraft {
        env = Map.copyOf(env);
        ports = List.copyOf(ports);
    }
}
