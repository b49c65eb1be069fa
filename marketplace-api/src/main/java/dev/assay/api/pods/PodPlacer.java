package dev.assay.api.pods;

import dev.assay.api.market.MarketIndex;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ConcurrentChange;
import dev.assay.api.problem.ProblemType;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.placement.PlacementDecision;
import dev.assay.matching.placement.PlacementPipeline;
import dev.assay.matching.placement.PlacementPipelines;
import jakarta.inject.Singleton;
import dev.assay.matching.search.Offer;
import dev.assay.matching.search.OfferSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places a new pod: the matching engine proposes a host on the market index's snapshot, {@link PlacementCommit}
 * commits it against the database. The snapshot may be stale (another instance, or a commit a moment ago,
 * took the GPUs): then the host is re-read into the index and the engine proposes again, at most
 * {@value #MAX_TRIES} times, with a short random pause so racing requests spread out (plan-apply, as in
 * Omega and Nomad).
 */
@Singleton
class PodPlacer {

    /** The outcome of a placement. */
    sealed interface Outcome {
    }

    record Placed(PodRow pod) implements Outcome {
    }

    /** The engine's precise answer: which rule eliminated how many hosts. */
    record NoCapacity(PlacementDecision.NoCapacity answer) implements Outcome {
    }

    /** Every try lost its race to other placements; the market is busy. */
    record Contended(int tries) implements Outcome {
    }

    static final int MAX_TRIES = 10;
    /** The name under which a no-capacity answer counts the hosts the renter's query did not match. */
    static final String QUERY_RULE = "query";
    private static final long MAX_PAUSE_MICROS_PER_TRY = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(PodPlacer.class);

    private final MarketIndex index;
    private final PlacementCommit commit;
    private final AfterCommitPublisher publisher;
    private final PlacementPipeline pipeline = PlacementPipelines.standard();
    private final OfferSearch search = new OfferSearch();

    PodPlacer(MarketIndex index, PlacementCommit commit, AfterCommitPublisher publisher) {
        this.index = index;
        this.commit = commit;
        this.publisher = publisher;
    }

    Outcome place(String orgId, PodDraft draft) {
        String podId = PodIds.next("pod");
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            InventorySnapshot whole = index.snapshot();
            InventorySnapshot snapshot = market(whole, draft);
            PlacementDecision decision = pipeline.place(snapshot,
                    draft.placement().withSeed(draft.placement().seed() + attempt));
            if (decision instanceof PlacementDecision.NoCapacity none) {
                return new NoCapacity(draft.query().isPresent() ? withQuery(none, whole.size() - snapshot.size(),
                        whole.size()) : none);
            }
            String hostId = ((PlacementDecision.Placed) decision).plan().hostId();
            PlacementCommit.Outcome outcome;
            try {
                outcome = commit.commit(orgId, podId, draft, hostId);
            } catch (PlacementCommit.CapacityMoved e) {
                outcome = new PlacementCommit.HostTaken(hostId, "capacity changed");
            } catch (RuntimeException e) {
                if (!ConcurrentChange.causedBy(e)) {
                    throw e;
                }
                outcome = new PlacementCommit.HostTaken(hostId, "lost a race on the host");
            }
            switch (outcome) {
                case PlacementCommit.Committed committed -> {
                    publisher.publish(committed.after());
                    return new Placed(committed.pod());
                }
                case PlacementCommit.HostTaken taken -> {
                    LOG.debug("event=placement_retry pod={} host={} attempt={} why=\"{}\"", podId, hostId, attempt,
                            taken.why());
                    index.refresh(hostId);
                    LockSupport.parkNanos(1_000L * ThreadLocalRandom.current().nextLong(1,
                            MAX_PAUSE_MICROS_PER_TRY * attempt));
                }
            }
        }
        return new Contended(MAX_TRIES);
    }

    /** The engine's answer on the hosts the query matched, with the hosts the query itself ruled out first. */
    static PlacementDecision.NoCapacity withQuery(PlacementDecision.NoCapacity none, int unmatched, int marketSize) {
        Map<String, Integer> eliminatedBy = new LinkedHashMap<>();
        List<String> explanations = new ArrayList<>();
        if (unmatched > 0) {
            eliminatedBy.put(QUERY_RULE, unmatched);
            explanations.add(unmatched + " do not match the query");
        }
        eliminatedBy.putAll(none.eliminatedBy());
        explanations.addAll(none.explanations());
        return new PlacementDecision.NoCapacity(eliminatedBy, explanations, none.hostsConsidered() + unmatched,
                Math.max(marketSize, none.hostsConsidered() + unmatched));
    }

    /** The whole market, only the hosts the renter's query matches, or only the host of the offer picked. */
    private InventorySnapshot market(InventorySnapshot snapshot, PodDraft draft) {
        if (draft.query().isPresent()) {
            List<Host> matching = new ArrayList<>();
            for (Offer offer : search.search(snapshot, draft.query().get()).offers()) {
                snapshot.host(offer.hostId()).ifPresent(matching::add);
            }
            return InventorySnapshot.of(matching);
        }
        if (draft.offerId().isEmpty()) {
            return snapshot;
        }
        Host host = snapshot.host(draft.offerId().get()).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "no online host has offer id " + draft.offerId().get() + "; search offers again",
                Map.of("offer_id", "no such offer")));
        return InventorySnapshot.of(List.of(host));
    }
}
