package dev.assay.matching.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.GpuFacts;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Placement's guarantees over random markets and request streams, checked against rules re-stated here
 * from their words (not by calling the filters).
 */
class PlacementPropertiesTest {

    private static final List<String> SKUS = List.of("RTX_4090", "A100", "H100");
    private static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    private static final List<String> CUDA = List.of("11.8", "12.2", "12.4", "12.6");

    @Property(tries = 150)
    void placed_pods_meet_every_rule_and_no_host_is_ever_over_committed(
            @ForAll("hosts") List<Host> hosts, @ForAll("requests") List<PlacementRequest> requests,
            @ForAll @IntRange(min = 1, max = 64) int feasibleCandidates) {
        PlacementPipeline pipeline = PlacementPipelines.standard(new PlacementLimits(feasibleCandidates, 4_096));
        InventorySnapshot snapshot = InventorySnapshot.of(hosts);
        Map<String, Host> initial = new HashMap<>();
        hosts.forEach(host -> initial.put(host.id(), host));
        Map<String, List<PlacementPlan>> placed = new HashMap<>();
        int placements = 0;

        for (PlacementRequest request : requests) {
            PlacementDecision decision = pipeline.place(snapshot, request);
            if (decision instanceof PlacementDecision.Placed(PlacementPlan plan)) {
                Host host = snapshot.host(plan.hostId()).orElseThrow();
                assertThat(fits(request, host)).as("placed on a host that fails a rule: %s", host).isTrue();
                assertThat(plan.gpuIndices()).hasSize(request.gpuCount()).doesNotHaveDuplicates().isSorted();
                plan.gpuIndices().forEach(index -> assertThat(host.free().isFree(index)).isTrue());
                assertThat(plan.cpuCores()).isEqualTo(request.cpuCoresPerGpu() * request.gpuCount());
                assertThat(plan.ramGb()).isEqualTo(request.ramGbPerGpu() * request.gpuCount());
                assertThat(plan.diskGb()).isEqualTo(request.diskGb());
                assertThat(plan.score().total()).isBetween(0.0, 1.0);

                Reservation reservation = Reservations.reserve(snapshot, plan);
                assertThat(reservation).isInstanceOf(Reservation.Reserved.class);
                snapshot = ((Reservation.Reserved) reservation).snapshot();
                placed.computeIfAbsent(plan.hostId(), id -> new ArrayList<>()).add(plan);
                placements++;
            } else {
                PlacementDecision.NoCapacity none = (PlacementDecision.NoCapacity) decision;
                checkNoCapacity(snapshot, request, none);
            }
        }
        // Both outcomes must come up often, or the checks above prove little.
        Statistics.label("placed some").collect(placements > 0);
        Statistics.label("placed some").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
        Statistics.label("refused some").collect(placements < requests.size());
        Statistics.label("refused some").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));

        // Never over-committed: what was reserved on each host fits in what it had free, GPU by GPU.
        for (Map.Entry<String, List<PlacementPlan>> entry : placed.entrySet()) {
            Host before = initial.get(entry.getKey());
            Host after = snapshot.host(entry.getKey()).orElseThrow();
            Set<Integer> gpusTaken = new HashSet<>();
            long cpu = 0;
            long ram = 0;
            long disk = 0;
            for (PlacementPlan plan : entry.getValue()) {
                for (int index : plan.gpuIndices()) {
                    assertThat(gpusTaken.add(index)).as("GPU %d given twice", index).isTrue();
                    assertThat(before.free().isFree(index)).isTrue();
                    assertThat(after.free().isFree(index)).isFalse();
                }
                cpu += plan.cpuCores();
                ram += plan.ramGb();
                disk += plan.diskGb();
            }
            assertThat(after.freeGpuCount()).isEqualTo(before.freeGpuCount() - gpusTaken.size());
            assertThat(after.free().cpuCores()).isEqualTo(before.free().cpuCores() - cpu).isNotNegative();
            assertThat(after.free().ramGb()).isEqualTo(before.free().ramGb() - ram).isNotNegative();
            assertThat(after.free().diskGb()).isEqualTo(before.free().diskGb() - disk).isNotNegative();
        }
    }

    @Property(tries = 150)
    void the_same_snapshot_request_and_seed_give_the_same_decision(
            @ForAll("hosts") List<Host> hosts, @ForAll("request") PlacementRequest request,
            @ForAll @IntRange(min = 1, max = 8) int feasibleCandidates) {
        PlacementPipeline pipeline = PlacementPipelines.standard(new PlacementLimits(feasibleCandidates, 64));
        List<Host> shuffled = new ArrayList<>(hosts);
        Collections.shuffle(shuffled, new Random(request.seed()));

        PlacementDecision first = pipeline.place(InventorySnapshot.of(hosts), request);
        PlacementDecision again = pipeline.place(InventorySnapshot.of(shuffled), request);

        assertThat(again).isEqualTo(first);
    }

    @Property(tries = 100)
    void releasing_every_reservation_gives_the_market_back_as_it_was(
            @ForAll("hosts") List<Host> hosts, @ForAll("requests") List<PlacementRequest> requests) {
        PlacementPipeline pipeline = PlacementPipelines.standard();
        InventorySnapshot snapshot = InventorySnapshot.of(hosts);
        List<PlacementPlan> plans = new ArrayList<>();
        for (PlacementRequest request : requests) {
            if (pipeline.place(snapshot, request) instanceof PlacementDecision.Placed(PlacementPlan plan)) {
                snapshot = ((Reservation.Reserved) Reservations.reserve(snapshot, plan)).snapshot();
                plans.add(plan);
            }
        }
        Collections.reverse(plans);
        for (PlacementPlan plan : plans) {
            snapshot = Reservations.release(snapshot, plan);
        }
        for (Host host : hosts) {
            assertThat(snapshot.host(host.id()).orElseThrow().free()).isEqualTo(host.free());
        }
    }

    /**
     * The walk reads the standard filters and scorers from per-model columns; the same rules wrapped so the
     * pipeline cannot recognise them are applied to the host records instead. Both must decide the same,
     * counts of a no-capacity answer included, whatever the weights and limits.
     */
    @Property(tries = 200)
    void reading_the_columns_decides_as_reading_the_host_records(
            @ForAll("hosts") List<Host> hosts, @ForAll("requests") List<PlacementRequest> requests,
            @ForAll("weights") ScorerWeights weights, @ForAll @IntRange(min = 1, max = 16) int feasibleCandidates,
            @ForAll @IntRange(min = 16, max = 40) int maxHostsExamined) {
        PlacementLimits limits = new PlacementLimits(feasibleCandidates, maxHostsExamined);
        PlacementPipeline columns = PlacementPipelines.weighted(weights, limits);
        PlacementPipeline records = byRecords(weights, limits);
        InventorySnapshot snapshot = InventorySnapshot.of(hosts);
        for (PlacementRequest request : requests) {
            PlacementDecision decision = columns.place(snapshot, request);
            assertThat(decision).isEqualTo(records.place(snapshot, request));
            if (decision instanceof PlacementDecision.Placed(PlacementPlan plan)) {
                snapshot = ((Reservation.Reserved) Reservations.reserve(snapshot, plan)).snapshot();
            }
        }
    }

    /** Looking at every host, the pipeline picks the best-scoring host of all that fit (ties: smaller id). */
    @Property(tries = 150)
    void with_no_sampling_the_winner_is_the_best_of_every_feasible_host(
            @ForAll("hosts") List<Host> hosts, @ForAll("request") PlacementRequest request,
            @ForAll("weights") ScorerWeights weights) {
        PlacementPipeline pipeline = PlacementPipelines.weighted(weights, new PlacementLimits(4_096, Integer.MAX_VALUE));
        PlacementPipeline records = byRecords(weights, PlacementLimits.DEFAULT);
        Host best = null;
        double bestScore = -1;
        for (Host host : hosts) {
            if (!fits(request, host)) {
                continue;
            }
            double score = records.score(request, host);
            if (score > bestScore || (score == bestScore && host.id().compareTo(best.id()) < 0)) {
                best = host;
                bestScore = score;
            }
        }
        PlacementDecision decision = pipeline.place(InventorySnapshot.of(hosts), request);
        if (best == null) {
            assertThat(decision).isInstanceOf(PlacementDecision.NoCapacity.class);
        } else {
            assertThat(decision).isInstanceOf(PlacementDecision.Placed.class);
            assertThat(((PlacementDecision.Placed) decision).plan().hostId()).isEqualTo(best.id());
        }
    }

    /** The standard rules and scorers, hidden behind wrappers so the pipeline reads host records. */
    private static PlacementPipeline byRecords(ScorerWeights weights, PlacementLimits limits) {
        List<PlacementFilter> filters = PlacementPipelines.standardFilters().stream()
                .<PlacementFilter>map(ByRecordFilter::new).toList();
        Map<PlacementScorer, Double> scorers = new java.util.LinkedHashMap<>();
        PlacementPipelines.weighted(weights, limits).scorerWeights()
                .forEach((scorer, weight) -> scorers.put(new ByRecordScorer(scorer), weight));
        return new PlacementPipeline(filters, scorers, limits);
    }

    private record ByRecordFilter(PlacementFilter filter) implements PlacementFilter {
        @Override
        public String rule() {
            return filter.rule();
        }

        @Override
        public boolean appliesTo(PlacementRequest request) {
            return filter.appliesTo(request);
        }

        @Override
        public boolean accepts(PlacementRequest request, Host host) {
            return filter.accepts(request, host);
        }

        @Override
        public String explain(PlacementRequest request, int hosts) {
            return filter.explain(request, hosts);
        }
    }

    private record ByRecordScorer(PlacementScorer scorer) implements PlacementScorer {
        @Override
        public String name() {
            return scorer.name();
        }

        @Override
        public double score(PlacementRequest request, Host host) {
            return scorer.score(request, host);
        }
    }

    /** Every host is counted once; when every host was looked at, none of them truly fits. */
    private static void checkNoCapacity(InventorySnapshot snapshot, PlacementRequest request,
                                        PlacementDecision.NoCapacity none) {
        int counted = none.eliminatedBy().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(counted).isEqualTo(none.hostsConsidered());
        assertThat(none.explanations()).hasSize(none.eliminatedBy().size());
        assertThat(none.exhaustive()).isTrue(); // markets here are far below the bound on hosts examined
        for (Host host : snapshot.hosts()) {
            assertThat(fits(request, host)).as("NoCapacity although %s fits", host.id()).isFalse();
        }
    }

    /** The feasibility rules, re-stated from the request's javadoc and docs/marketplace-rules.md. */
    static boolean fits(PlacementRequest request, Host host) {
        GpuFacts gpu = host.gpus().get(0);
        if (!request.gpuModels().isEmpty() && !request.gpuModels().contains(gpu.skuId())) {
            return false;
        }
        if (gpu.score() < request.minScorePerGpu() || gpu.vramGb() < request.minVramGbPerGpu()) {
            return false;
        }
        int freeGpus = 0;
        for (int i = 0; i < host.gpus().size(); i++) {
            freeGpus += host.free().isFree(i) ? 1 : 0;
        }
        if (freeGpus < request.gpuCount()) {
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
                && request.bidPerGpuHour().get().micros() < offer.minimumBidPerGpuHour().micros()) {
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
        FreeCapacity free = host.free();
        if (free.cpuCores() < (long) request.cpuCoresPerGpu() * request.gpuCount()
                || free.ramGb() < request.ramGbPerGpu() * request.gpuCount() || free.diskGb() < request.diskGb()) {
            return false;
        }
        if (request.minCudaVersion().isPresent()) {
            String[] parts = host.cudaVersion().split("\\.");
            int hostVersion = Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
            CudaVersion needed = request.minCudaVersion().get();
            if (hostVersion < needed.major() * 1000 + needed.minor()) {
                return false;
            }
        }
        if (request.maxPricePerHour().isPresent()) {
            long perGpu = request.bidPerGpuHour().orElse(offer.onDemandPerGpuHour()).micros();
            long storage = Math.ceilDiv(offer.storagePerGbMonth().micros() * request.diskGb(), 730);
            return perGpu * request.gpuCount() + storage <= request.maxPricePerHour().get().micros();
        }
        return true;
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Host>> hosts() {
        return host().list().ofMinSize(10).ofMaxSize(40).map(PlacementPropertiesTest::withUniqueIds);
    }

    private static List<Host> withUniqueIds(List<Host> hosts) {
        List<Host> result = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            Host h = hosts.get(i);
            result.add(new Host("host-%03d".formatted(i), h.tier(), h.region(), h.datacenter(), h.geolocation(),
                    h.verification(), h.reliability(), h.uptime30d(), h.cpuCores(), h.ramGb(), h.diskGb(),
                    h.diskBandwidthMbps(), h.inetUpMbps(), h.inetDownMbps(), h.driverVersion(), h.cudaVersion(),
                    h.gpus(), h.free(), h.offer(), h.simulated()));
        }
        return result;
    }

    private Arbitrary<Host> host() {
        Arbitrary<String> sku = Arbitraries.of(SKUS);
        Arbitrary<Integer> gpuCount = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Long> freeMask = Arbitraries.longs().between(0, 255);
        Arbitrary<Integer> regionIndex = Arbitraries.integers().between(0, REGIONS.size() - 1);
        Arbitrary<Integer> datacenter = Arbitraries.integers().between(1, 2);
        Arbitrary<VerificationState> verification = Arbitraries.of(VerificationState.class);
        Arbitrary<Tier> tier = Arbitraries.of(Tier.class);
        Arbitrary<Double> reliability = Arbitraries.doubles().between(0.5, 1.0).ofScale(3);
        Arbitrary<String> cuda = Arbitraries.of(CUDA);
        Arbitrary<Double> freeShare = Arbitraries.doubles().between(0.2, 1.0).ofScale(2);
        Arbitrary<Optional<HostOffer>> offer = offer().optional(0.9);
        Arbitrary<Double> score = Arbitraries.doubles().between(50, 300).ofScale(1);
        return Combinators.combine(
                Combinators.combine(sku, gpuCount, freeMask, score).as(List::<Object>of),
                Combinators.combine(regionIndex, datacenter, verification, tier, reliability).as(List::<Object>of),
                Combinators.combine(cuda, freeShare, offer).as(List::<Object>of)
        ).as((gpusPart, wherePart, restPart) -> {
            String skuId = (String) gpusPart.get(0);
            int count = (Integer) gpusPart.get(1);
            long mask = (Long) gpusPart.get(2);
            double perGpuScore = (Double) gpusPart.get(3);
            List<GpuFacts> gpus = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                gpus.add(new GpuFacts(i, skuId, skuId, skuId.equals("RTX_4090") ? 24 : 80, 100, 50, 1000, 25,
                        perGpuScore, "8.9"));
            }
            BitSet free = BitSet.valueOf(new long[] {mask & ((1L << count) - 1)});
            String region = REGIONS.get((Integer) wherePart.get(0));
            double share = (Double) restPart.get(1);
            int cores = 16 * count;
            long ram = 64L * count;
            long disk = 500L * count;
            @SuppressWarnings("unchecked")
            Optional<HostOffer> hostOffer = (Optional<HostOffer>) restPart.get(2);
            return new Host("h", (Tier) wherePart.get(3), region, region + "-" + wherePart.get(1), "US",
                    (VerificationState) wherePart.get(2), (Double) wherePart.get(4), 0.99, cores, ram, disk,
                    2000, 1000, 1000, "550.54", (String) restPart.get(0), gpus,
                    new FreeCapacity(free, (int) (cores * share), (long) (ram * share), (long) (disk * share)),
                    hostOffer, false);
        });
    }

    private Arbitrary<HostOffer> offer() {
        Arbitrary<Money> onDemand = Arbitraries.longs().between(100_000, 3_000_000).map(Money::ofMicros);
        Arbitrary<Money> minimumBid = Arbitraries.longs().between(0, 1_000_000).map(Money::ofMicros);
        Arbitrary<Money> storage = Arbitraries.longs().between(0, 200_000).map(Money::ofMicros);
        Arbitrary<Integer> minGpus = Arbitraries.of(1, 1, 2);
        return Combinators.combine(onDemand, minimumBid, storage, minGpus).as(HostOffer::new);
    }

    @Provide
    Arbitrary<ScorerWeights> weights() {
        Arbitrary<Double> weight = Arbitraries.of(0.0, 0.0, 0.1, 0.3, 1.0);
        return Combinators.combine(weight, weight, weight, weight, weight).as(List::of)
                .filter(list -> list.stream().mapToDouble(Double::doubleValue).sum() > 0)
                .map(list -> new ScorerWeights(list.get(0), list.get(1), list.get(2), list.get(3), list.get(4)))
                .edgeCases(edges -> edges.includeOnly(ScorerWeights.STANDARD, ScorerWeights.PRICE_ONLY));
    }

    @Provide
    Arbitrary<List<PlacementRequest>> requests() {
        return request().list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<PlacementRequest> request() {
        Arbitrary<Integer> gpus = Arbitraries.of(1, 1, 2, 4, 8);
        Arbitrary<List<String>> models = Arbitraries.of(SKUS).set().ofMaxSize(2).map(List::copyOf)
                .injectDuplicates(0).edgeCases(edges -> edges.includeOnly(List.of()));
        Arbitrary<Optional<String>> cuda = Arbitraries.of(CUDA).optional(0.4);
        Arbitrary<List<String>> regions = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(REGIONS).set().ofMinSize(1).ofMaxSize(2).map(List::copyOf)));
        Arbitrary<Optional<Tier>> tier = Arbitraries.of(Tier.class).optional(0.2);
        Arbitrary<Boolean> verified = Arbitraries.of(true, false, false, false);
        Arbitrary<Double> minReliability = Arbitraries.of(0.0, 0.0, 0.8, 0.95);
        Arbitrary<Optional<Money>> maxPrice = Arbitraries.longs().between(200_000, 20_000_000).map(Money::ofMicros).optional(0.5);
        Arbitrary<Optional<Money>> bid = Arbitraries.longs().between(0, 1_500_000).map(Money::ofMicros).optional(0.3);
        Arbitrary<Integer> coresPerGpu = Arbitraries.integers().between(0, 16);
        Arbitrary<Long> ramPerGpu = Arbitraries.longs().between(0, 64);
        Arbitrary<Long> disk = Arbitraries.longs().between(0, 800);
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Double> minScore = Arbitraries.of(0.0, 0.0, 0.0, 150.0);
        return Combinators.combine(
                Combinators.combine(gpus, models, cuda, regions, tier).as(List::<Object>of),
                Combinators.combine(verified, minReliability, maxPrice, bid).as(List::<Object>of),
                Combinators.combine(coresPerGpu, ramPerGpu, disk, seed, minScore).as(List::<Object>of)
        ).as((what, rules, size) -> {
            PlacementRequest.Builder builder = PlacementRequest.forGpus((Integer) what.get(0))
                    .resources((Integer) size.get(0), (Long) size.get(1), (Long) size.get(2))
                    .seed((Long) size.get(3))
                    .minScorePerGpu((Double) size.get(4))
                    .minReliability((Double) rules.get(1));
            @SuppressWarnings("unchecked")
            List<String> modelList = (List<String>) what.get(1);
            builder.gpuModels(modelList.toArray(String[]::new));
            ((Optional<?>) what.get(2)).ifPresent(version -> builder.minCudaVersion((String) version));
            @SuppressWarnings("unchecked")
            List<String> regionList = (List<String>) what.get(3);
            builder.regions(regionList.toArray(String[]::new));
            ((Optional<?>) what.get(4)).ifPresent(required -> builder.tier((Tier) required));
            if ((Boolean) rules.get(0)) {
                builder.requireVerified();
            }
            ((Optional<?>) rules.get(2)).ifPresent(price -> builder.maxPricePerHour((Money) price));
            ((Optional<?>) rules.get(3)).ifPresent(amount -> builder.interruptible((Money) amount));
            return builder.build();
        });
    }
}
