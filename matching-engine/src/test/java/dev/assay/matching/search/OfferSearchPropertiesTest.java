package dev.assay.matching.search;

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
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Search against a brute-force reading of the same rules: every result satisfies every filter, results
 * are sorted, the limit holds, and the match count is what a scan of every host finds.
 */
class OfferSearchPropertiesTest {

    private static final String[] MODELS = {"RTX_4090", "RTX_3090", "H100_SXM5_80GB", "A100_SXM4_80GB"};
    private static final List<String> QUERIES = List.of(
            "",
            "gpu_name=RTX_4090",
            "gpu_name in [RTX_4090,H100_SXM5_80GB] order by price asc limit 7",
            "gpu_ram>=40 reliability>0.9 order by score desc limit 5",
            "num_gpus>=2 price<=3 order by value desc, price asc limit 10",
            "num_gpus=4 tier=secure verified=true limit 3",
            "geolocation notin [CN,US] region!=eu-west order by region asc, reliability desc limit 20",
            "cuda_version>=12.4 min_bid<0.5 order by min_bid asc",
            "gpu_name!=RTX_3090 num_gpus in [1,8] order by num_gpus desc limit 4",
            "value>100 order by value asc limit 1000");

    /** Orders that searchTop bounds: host-level fields, price and value, sized or not, both directions. */
    private static final List<String> TOP_QUERIES = List.of(
            "order by score desc limit 3",
            "num_gpus>=2 order by price asc limit 5",
            "num_gpus>=4 order by price desc limit 2",
            "num_gpus>=8 tier=secure order by value desc limit 2",
            "gpu_name=RTX_4090 order by value desc limit 4",
            "order by value asc, price desc limit 6",
            "reliability>0.9 order by reliability asc, score desc limit 1",
            "num_gpus<=2 order by price asc, value desc limit 8",
            "cuda_version>=12.4 order by cuda_version desc limit 5");

    /**
     * Host-level filters that {@link FieldMasks} narrow while a sorted walk runs: texts (=, !=, in, notin, a value
     * the market lacks), true/false, few-valued versions (exact cuts) and many-valued numbers (quantile cuts),
     * with every comparison, sized and unsized, in both directions.
     */
    private static final List<String> MASKED_QUERIES = List.of(
            "reliability>0.98 verified=true order by price asc limit 5",
            "verified=false reliability<=0.3 order by value desc limit 7",
            "geolocation notin [CN] cuda_version>=12.4 order by score desc, price asc limit 10",
            "tier=secure region in [eu-west,us-east] order by price desc limit 4",
            "region!=eu-central reliability>=0.5 reliability<0.6 order by reliability asc limit 3",
            "geolocation=CN verified!=true order by min_bid desc limit 6",
            "cuda_version=12.2 geolocation in [DE,FR,XX] order by value asc limit 9",
            "reliability=0.5 order by price asc limit 2",
            "geolocation=XX order by price asc limit 3",
            "num_gpus>=2 reliability>0.9 tier=community order by price asc limit 5",
            "gpu_ram>=40 reliability>0.95 order by value desc limit 3",
            "min_bid<=0.2 cuda_version<12.4 order by reliability desc limit 8",
            "reliability<0.1 reliability>0.95 order by price asc limit 4");

    private final OfferSearch search = new OfferSearch();

    @Property(tries = 150)
    void searchTopFindsTheSameOffersAsAFullSearch(@ForAll @IntRange(min = 0, max = 400) int hosts,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 18) int queryIndex) {
        InventorySnapshot snapshot = InventorySnapshot.of(market(hosts, seed));
        String text = queryIndex < QUERIES.size() ? QUERIES.get(queryIndex) : TOP_QUERIES.get(queryIndex - QUERIES.size());
        OfferQuery query = OfferQueryParser.parse(text);

        SearchResult full = search.search(snapshot, query);
        SearchResult top = search.searchTop(snapshot, query);

        assertThat(top.offers()).as(text).isEqualTo(full.offers());
        if (top.totalMatchedExact()) {
            assertThat(top.totalMatched()).isEqualTo(full.totalMatched());
        } else {
            assertThat(top.totalMatched()).isBetween(top.offers().size(), full.totalMatched());
        }
        Statistics.label("stopped early").collect(!top.totalMatchedExact());
        // The early stop must be exercised, not merely possible. About a third of random tries stop early; a bound
        // of 20 % failed once in CI at exactly 20 %, so 10 % (still many tries) keeps the check and drops the flake.
        Statistics.label("stopped early").coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
    }

    @Property(tries = 120)
    void aWalkNarrowedByFieldMasksFindsTheSameOffersAsAFullSearch(
            @ForAll @IntRange(min = 0, max = 3000) int hosts, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 12) int queryIndex) {
        InventorySnapshot snapshot = InventorySnapshot.of(market(hosts, seed));
        String text = MASKED_QUERIES.get(queryIndex);
        OfferQuery query = OfferQueryParser.parse(text);

        SearchResult full = search.search(snapshot, query);
        SearchResult top = search.searchTop(snapshot, query);

        assertThat(top.offers()).as(text).isEqualTo(full.offers());
        assertThat(top.totalMatched()).isBetween(top.offers().size(), full.totalMatched());
        if (top.totalMatchedExact()) {
            assertThat(top.totalMatched()).isEqualTo(full.totalMatched());
        }
        Statistics.label("stopped early").collect(!top.totalMatchedExact());
        // The early stop must be exercised, not merely possible. About a third of random tries stop early; a bound
        // of 20 % failed once in CI at exactly 20 %, so 10 % (still many tries) keeps the check and drops the flake.
        Statistics.label("stopped early").coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
    }

    @Property(tries = 60)
    void searchAgreesWithABruteForceScan(@ForAll @IntRange(min = 0, max = 400) int hosts,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 9) int queryIndex) {
        InventorySnapshot snapshot = InventorySnapshot.of(market(hosts, seed));
        OfferQuery query = OfferQueryParser.parse(QUERIES.get(queryIndex));

        SearchResult result = search.search(snapshot, query);

        List<Offer> expected = bruteForce(snapshot, query);
        assertThat(result.totalMatched()).isEqualTo(expected.size());
        assertThat(result.offers()).hasSize(Math.min(query.limit(), expected.size()));
        assertThat(result.offers()).extracting(Offer::hostId)
                .containsExactlyElementsOf(expected.stream().limit(query.limit()).map(Offer::hostId).toList());
        assertThat(result.offers()).extracting(Offer::gpuCount)
                .containsExactlyElementsOf(expected.stream().limit(query.limit()).map(Offer::gpuCount).toList());
    }

    @Test
    void offersOfEqualValueTieExactlyWhateverTheirSize() {
        // Found by the property above: two hosts with the same score and per-GPU price but different free GPU
        // counts once got values differing in the last bit, so "order by value desc, price asc" never reached
        // its second key.
        searchAgreesWithABruteForceScan(54, -10946L, 4);
    }

    @Property(tries = 60)
    void aCachedAnswerIsTheSearchTopAnswerAndAMarketChangeIsNeverAnsweredFromMemory(
            @ForAll @IntRange(min = 0, max = 300) int hosts, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 8) int queryIndex) {
        InventorySnapshot before = InventorySnapshot.of(market(hosts, seed));
        OfferQuery query = OfferQueryParser.parse(TOP_QUERIES.get(queryIndex));

        SearchResult first = search.searchCached(before, query);
        assertThat(first).isEqualTo(search.searchTop(before, query));
        assertThat(search.searchCached(before, query)).isSameAs(first);

        // A free, huge host of every kind tops any order by value or score and matches most filters.
        Host joining = host("joining", "H100_SXM5_80GB", 8, 8, "0.01", 1, new SplittableRandom(seed));
        InventorySnapshot after = before.with(joining);
        SearchResult fresh = search.searchCached(after, query);
        assertThat(fresh.offers()).isEqualTo(search.search(after, query).offers());
        Statistics.label("the change shows").collect(!fresh.offers().equals(first.offers()));
        Statistics.label("the change shows").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
    }

    @Property(tries = 60)
    void addingAHostNeverRemovesOtherResults(@ForAll @IntRange(min = 0, max = 300) int hosts,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 9) int queryIndex) {
        InventorySnapshot before = InventorySnapshot.of(market(hosts, seed));
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        int gpus = 1 << random.nextInt(4);
        Host joining = host("joining", MODELS[random.nextInt(MODELS.length)], gpus, random.nextInt(gpus + 1),
                String.valueOf(random.nextInt(5, 400) / 100.0), 1 + random.nextInt(2), random);
        OfferQuery query = OfferQueryParser.parse(QUERIES.get(queryIndex));

        SearchResult old = search.search(before, query);
        SearchResult now = search.search(before.with(joining), query);
        boolean joiningMatches = search.search(InventorySnapshot.of(List.of(joining)), query).totalMatched() == 1;

        List<String> others = now.offers().stream().map(Offer::hostId).filter(id -> !id.equals("joining")).toList();
        assertThat(others).as("the others keep their order; at most the last one makes room for the new host")
                .containsExactlyElementsOf(old.offers().stream().limit(others.size()).map(Offer::hostId).toList());
        assertThat(others.size()).isGreaterThanOrEqualTo(old.offers().size() - 1);
        assertThat(now.totalMatched()).isEqualTo(old.totalMatched() + (joiningMatches ? 1 : 0));
    }

    @Test
    void aModelIsNamedByItsCatalogueIdOrItsDisplayName() {
        SplittableRandom random = new SplittableRandom(3);
        Host h100 = withDisplayName(host("h100", "H100_SXM5_80GB", 8, 8, "2.50", 1, random), "NVIDIA H100 80GB");
        Host rtx = host("rtx", "RTX_4090", 1, 1, "0.40", 1, random);
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(h100, rtx));

        assertThat(search.search(snapshot, "gpu_name=nvidia_h100_80gb").offers()).extracting(Offer::hostId)
                .containsExactly("h100");
        assertThat(search.search(snapshot, "gpu_name in [H100_SXM5_80GB]").offers()).extracting(Offer::hostId)
                .containsExactly("h100");
        assertThat(search.search(snapshot, "gpu_name!=NVIDIA_H100_80GB").offers()).extracting(Offer::hostId)
                .containsExactly("rtx");
        assertThat(search.search(snapshot, "gpu_name notin [h100_sxm5_80gb,RTX_3090]").offers()).extracting(Offer::hostId)
                .containsExactly("rtx");
        assertThat(search.search(snapshot, "gpu_name=RTX_4090 gpu_name!=RTX_4090").offers()).isEmpty();
    }

    @Test
    void anOfferIsSizedToTheQueryAndPricedForThatSize() {
        Host host = host("h1", "RTX_4090", 8, 6, "0.50", 2, new SplittableRandom(1));
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(host));

        Offer whole = search.search(snapshot, "").offers().getFirst();
        Offer sized = search.search(snapshot, "num_gpus>=3").offers().getFirst();

        assertThat(whole.gpuCount()).isEqualTo(6);
        assertThat(sized.gpuCount()).isEqualTo(3);
        assertThat(sized.gpuIndices()).hasSize(3);
        assertThat(sized.pricePerHour()).isEqualTo(Money.parse("1.50"));
        assertThat(search.search(snapshot, "num_gpus>=7").offers()).isEmpty();
        assertThat(search.search(snapshot, "num_gpus=1").offers()).as("host's minimum pod is 2 GPUs").isEmpty();
    }

    @Test
    void cudaVersionsCompareAsVersionsNotAsDecimals() {
        SplittableRandom random = new SplittableRandom(2);
        Host old = withCuda(host("old", "RTX_4090", 1, 1, "0.4", 1, random), "12.4");
        Host recent = withCuda(host("new", "RTX_4090", 1, 1, "0.4", 1, random), "12.10");
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(old, recent));

        assertThat(search.search(snapshot, "cuda_version>12.4").offers()).extracting(Offer::hostId).containsExactly("new");
    }

    // ------------------------------------------------------------------------------------------------
    // The reference: the rules read as plainly as possible, with no index, no compilation, a full sort.

    private static List<Offer> bruteForce(InventorySnapshot snapshot, OfferQuery query) {
        List<Offer> offers = new ArrayList<>();
        for (Host host : snapshot.hosts()) {
            if (host.offer().isEmpty()) {
                continue;
            }
            int min = host.offer().get().minGpusPerPod();
            int free = host.freeGpuCount();
            boolean sized = query.filters().stream().anyMatch(f -> f.field() == OfferField.NUM_GPUS);
            Integer size = null;
            for (int n = sized ? Math.max(1, min) : free; n <= free && size == null; n++) {
                if (n >= Math.max(1, min) && numGpusHolds(query, n)) {
                    size = n;
                }
            }
            if (size == null) {
                continue;
            }
            Offer offer = OfferSearch.offerOf(host, size);
            if (query.filters().stream().allMatch(f -> f.field() == OfferField.NUM_GPUS || holds(f, host, offer))) {
                offers.add(offer);
            }
        }
        offers.sort((a, b) -> {
            for (SortKey key : query.order()) {
                int c = compare(key.field(), a, snapshot, b);
                if (c != 0) {
                    return key.descending() ? -c : c;
                }
            }
            return a.hostId().compareTo(b.hostId());
        });
        return offers;
    }

    private static boolean numGpusHolds(OfferQuery query, int n) {
        return query.filters().stream().filter(f -> f.field() == OfferField.NUM_GPUS)
                .allMatch(f -> test(f, n));
    }

    private static boolean holds(Filter filter, Host host, Offer offer) {
        if (filter.field().kind() == OfferField.Kind.TEXT) {
            String actual = switch (filter.field()) {
                case GPU_NAME -> host.gpuModel();
                case TIER -> host.tier().name();
                case REGION -> host.region().toUpperCase().replace(' ', '_');
                case GEOLOCATION -> host.geolocation().toUpperCase();
                default -> throw new AssertionError("not used by these queries: " + filter.field());
            };
            boolean in = filter.values().contains(actual);
            return filter.op() == Comparison.EQ || filter.op() == Comparison.IN ? in : !in;
        }
        return test(filter, reading(filter.field(), host, offer));
    }

    private static boolean test(Filter filter, double actual) {
        List<Double> values = filter.values().stream()
                .map(v -> filter.field().kind() == OfferField.Kind.VERSION ? version(v)
                        : filter.field().kind() == OfferField.Kind.BOOLEAN ? (v.equals("true") ? 1.0 : 0.0)
                        : Double.parseDouble(v))
                .toList();
        double v = values.getFirst();
        return switch (filter.op()) {
            case EQ -> actual == v;
            case NE -> actual != v;
            case LT -> actual < v;
            case LE -> actual <= v;
            case GT -> actual > v;
            case GE -> actual >= v;
            case IN -> values.contains(actual);
            case NOT_IN -> !values.contains(actual);
        };
    }

    private static double reading(OfferField field, Host host, Offer offer) {
        return switch (field) {
            case NUM_GPUS -> offer.gpuCount();
            case GPU_RAM -> host.vramGbPerGpu();
            case SCORE -> host.scorePerGpu();
            case VALUE -> offer.value().scorePerDollarHour();
            case PRICE -> offer.pricePerHour().toDollarsApprox();
            case MIN_BID -> offer.minimumBidPerGpuHour().toDollarsApprox();
            case RELIABILITY -> host.reliability();
            case VERIFIED -> host.verification() == VerificationState.VERIFIED ? 1 : 0;
            case CUDA_VERSION -> version(host.cudaVersion());
            default -> throw new AssertionError("not used by these queries: " + field);
        };
    }

    private static int compare(OfferField field, Offer a, InventorySnapshot snapshot, Offer b) {
        Host ha = snapshot.host(a.hostId()).orElseThrow();
        Host hb = snapshot.host(b.hostId()).orElseThrow();
        if (field == OfferField.REGION) {
            return ha.region().toUpperCase().compareTo(hb.region().toUpperCase());
        }
        return Double.compare(reading(field, ha, a), reading(field, hb, b));
    }

    private static double version(String text) {
        String[] parts = text.split("\\.");
        double encoded = 0;
        for (int i = 0; i < 3; i++) {
            encoded = encoded * 1000 + (i < parts.length ? Integer.parseInt(parts[i]) : 0);
        }
        return encoded;
    }

    // ------------------------------------------------------------------------------------------------

    static List<Host> market(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String model = MODELS[random.nextInt(MODELS.length)];
            int gpus = 1 << random.nextInt(4);
            int free = random.nextInt(gpus + 1);
            String price = String.valueOf(random.nextInt(5, 400) / 100.0);
            hosts.add(host("host-" + i, model, gpus, free, price, 1 + random.nextInt(2), random));
        }
        return hosts;
    }

    static Host host(String id, String model, int gpuCount, int free, String price, int minGpus, SplittableRandom random) {
        boolean datacenter = model.startsWith("H100") || model.startsWith("A100");
        double vram = datacenter ? 80 : 24;
        double score = switch (model) {
            case "RTX_4090" -> 90;
            case "RTX_3090" -> 55;
            case "H100_SXM5_80GB" -> 250;
            default -> 100;
        };
        List<GpuFacts> gpus = new ArrayList<>();
        for (int g = 0; g < gpuCount; g++) {
            gpus.add(new GpuFacts(g, model, model.replace('_', ' '), vram, score * 1.6, score / 3, score * 15, 25,
                    score, datacenter ? "9.0" : "8.9"));
        }
        BitSet freeGpus = new BitSet();
        freeGpus.set(0, free);
        String[] regions = {"eu-central", "eu-west", "us-east", "ap-southeast"};
        String[] countries = {"DE", "FR", "US", "CN", "SG"};
        Optional<HostOffer> offer = random.nextInt(10) == 0 ? Optional.empty()
                : Optional.of(new HostOffer(Money.parse(price), Money.parse(String.valueOf(random.nextInt(5, 100) / 100.0)),
                        Money.parse("0.10"), minGpus));
        return new Host(id, datacenter ? Tier.SECURE : Tier.COMMUNITY, regions[random.nextInt(regions.length)], "",
                countries[random.nextInt(countries.length)],
                random.nextBoolean() ? VerificationState.VERIFIED : VerificationState.UNVERIFIED,
                random.nextInt(70, 1000) / 1000.0, 0.99, 64, 512, 2000, 1500, 500, 1000, "550.54",
                random.nextBoolean() ? "12.4" : "12.2", gpus, new FreeCapacity(freeGpus, 64, 512, 2000), offer, true);
    }

    private static Host withDisplayName(Host host, String displayName) {
        List<GpuFacts> gpus = host.gpus().stream()
                .map(g -> new GpuFacts(g.index(), g.skuId(), displayName, g.vramGb(), g.tflopsBf16(), g.tflopsFp32(),
                        g.memBandwidthGbps(), g.pcieBandwidthGbps(), g.score(), g.computeCapability()))
                .toList();
        return new Host(host.id(), host.tier(), host.region(), host.datacenter(), host.geolocation(),
                host.verification(), host.reliability(), host.uptime30d(), host.cpuCores(), host.ramGb(), host.diskGb(),
                host.diskBandwidthMbps(), host.inetUpMbps(), host.inetDownMbps(), host.driverVersion(),
                host.cudaVersion(), gpus, host.free(), host.offer(), host.simulated());
    }

    private static Host withCuda(Host host, String cuda) {
        return new Host(host.id(), host.tier(), host.region(), host.datacenter(), host.geolocation(),
                host.verification(), host.reliability(), host.uptime30d(), host.cpuCores(), host.ramGb(), host.diskGb(),
                host.diskBandwidthMbps(), host.inetUpMbps(), host.inetDownMbps(), host.driverVersion(), cuda,
                host.gpus(), host.free(), host.offer(), host.simulated());
    }
}
