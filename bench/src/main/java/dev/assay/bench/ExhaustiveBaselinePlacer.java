package dev.assay.bench;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.matching.placement.PlacementRequest;
import dev.assay.pricing.AllInPrice;
import dev.assay.pricing.Money;
import java.util.List;
import java.util.Optional;

/**
 * The baseline of benchmark (a): the naive way to place a pod. Every host of the snapshot goes through the
 * same feasibility rules as the engine's standard pipeline and is scored with the same weighted scorers; the
 * best wins (ties to the smaller host id). No per-model index, no sampling, no bound on hosts examined.
 *
 * <p>The engine's filters and scorers are package-private, so the rules are written out again here;
 * {@code ExhaustiveBaselinePlacerTest} checks that this placer and the engine's pipeline, made exhaustive
 * on a market small enough for it, choose the same host for every generated request, so the two cannot
 * drift apart unnoticed. Stateless and thread-safe.
 */
public final class ExhaustiveBaselinePlacer {

    // The weights of PlacementPipelines.standard(): value, reliability, bin-pack, locality.
    private static final double VALUE_WEIGHT = 0.45;
    private static final double RELIABILITY_WEIGHT = 0.30;
    private static final double BIN_PACK_WEIGHT = 0.15;
    private static final double LOCALITY_WEIGHT = 0.10;
    private static final double WEIGHT_SUM = VALUE_WEIGHT + RELIABILITY_WEIGHT + BIN_PACK_WEIGHT + LOCALITY_WEIGHT;
    /** The value scorer's curve: score points per dollar-hour that map to 0.5. */
    private static final double HALF_SCORE_VALUE = 200.0;

    /** The host chosen, its weighted score (0..1) and the most the pod pays there per hour, all-in. */
    public record Choice(Host host, double score, Money pricePerHour) {}

    /** The best host of {@code snapshot} for {@code request}, or empty when no host passes every rule. */
    public Optional<Choice> place(InventorySnapshot snapshot, PlacementRequest request) {
        if (snapshot == null || request == null) {
            throw new IllegalArgumentException("snapshot and request are required");
        }
        Host best = null;
        double bestScore = -1;
        for (Host host : snapshot.hosts()) {
            if (!feasible(request, host)) {
                continue;
            }
            double score = score(request, host);
            if (score > bestScore || (score == bestScore && host.id().compareTo(best.id()) < 0)) {
                best = host;
                bestScore = score;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Choice(best, bestScore, mostPerHour(request, best.offer().orElseThrow())));
    }

    /** The standard pipeline's ten rules, in its order. */
    static boolean feasible(PlacementRequest request, Host host) {
        if (!request.gpuModels().isEmpty() && !request.gpuModels().contains(host.gpuModel())) {
            return false;
        }
        if (host.scorePerGpu() < request.minScorePerGpu() || host.vramGbPerGpu() < request.minVramGbPerGpu()) {
            return false;
        }
        if (host.freeGpuCount() < request.gpuCount()) {
            return false;
        }
        if (host.offer().isEmpty()) {
            return false;
        }
        HostOffer offer = host.offer().get();
        if (request.gpuCount() < offer.minGpusPerPod()) {
            return false;
        }
        if (request.bidPerGpuHour().isPresent()
                && request.bidPerGpuHour().get().compareTo(offer.minimumBidPerGpuHour()) < 0) {
            return false;
        }
        if (request.tier().isPresent() && request.tier().get() != host.tier()) {
            return false;
        }
        if (request.requireVerified() && host.verification() != VerificationState.VERIFIED) {
            return false;
        }
        if (!request.regions().isEmpty() && !request.regions().contains(host.region())) {
            return false;
        }
        if (!request.datacenters().isEmpty() && !request.datacenters().contains(host.datacenter())) {
            return false;
        }
        if (host.reliability() < request.minReliability()) {
            return false;
        }
        if (host.free().cpuCores() < request.cpuCores() || host.free().ramGb() < request.ramGb()
                || host.free().diskGb() < request.diskGb()) {
            return false;
        }
        if (request.minCudaVersion().isPresent() && !request.minCudaVersion().get().isRunBy(host.cudaVersion())) {
            return false;
        }
        return request.maxPricePerHour().isEmpty()
                || mostPerHour(request, offer).compareTo(request.maxPricePerHour().get()) <= 0;
    }

    /** The standard pipeline's weighted mean of value, reliability, bin-pack fit and locality. */
    static double score(PlacementRequest request, Host host) {
        double sum = VALUE_WEIGHT * value(request, host)
                + RELIABILITY_WEIGHT * Math.clamp(host.reliability(), 0.0, 1.0)
                + BIN_PACK_WEIGHT * binPack(request, host)
                + LOCALITY_WEIGHT * locality(request, host);
        return sum / WEIGHT_SUM;
    }

    private static double value(PlacementRequest request, Host host) {
        HostOffer offer = host.offer().orElseThrow();
        Money perGpuHour = request.interruptible() ? offer.minimumBidPerGpuHour() : offer.onDemandPerGpuHour();
        Money perHour = AllInPrice.perHour(perGpuHour, request.gpuCount(), offer.storagePerGbMonth(), request.diskGb());
        if (!perHour.isPositive()) {
            return 1;
        }
        double value = host.scorePerGpu() * request.gpuCount() / perHour.toDollarsApprox();
        return value / (value + HALF_SCORE_VALUE);
    }

    private static double binPack(PlacementRequest request, Host host) {
        int free = host.freeGpuCount();
        int left = free - request.gpuCount();
        if (left <= 0) {
            return 1;
        }
        double fill = 1.0 - (double) left / host.gpuCount();
        return free == host.gpuCount() ? fill / 2 : fill;
    }

    private static double locality(PlacementRequest request, Host host) {
        if (!request.datacenters().isEmpty()) {
            return preference(request.datacenters(), host.datacenter());
        }
        if (!request.regions().isEmpty()) {
            return preference(request.regions(), host.region());
        }
        return 1;
    }

    private static double preference(List<String> preferred, String actual) {
        int position = preferred.indexOf(actual);
        return position < 0 ? 0 : 1.0 - (double) position / preferred.size();
    }

    private static Money mostPerHour(PlacementRequest request, HostOffer offer) {
        return AllInPrice.perHour(request.bidPerGpuHour().orElse(offer.onDemandPerGpuHour()), request.gpuCount(),
                offer.storagePerGbMonth(), request.diskGb());
    }
}
