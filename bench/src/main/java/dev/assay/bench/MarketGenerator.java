package dev.assay.bench;

import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.GpuFacts;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.matching.placement.PlacementRequest;
import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded generator of realistic markets: consumer GPUs (1–8 per host, community tier) and datacenter GPUs
 * (mostly 8 per host, secure tier) across regions, with prices spread around each model's market price,
 * partial allocation, and a spread of reliability and verification. Figures are SIMULATED (derived from
 * each model's typical measured figures with ±5 % noise), and the hosts say so.
 */
public final class MarketGenerator {

    /** A GPU model as the generator uses it: typical figures and the going on-demand price. */
    record Model(String skuId, String name, double vramGb, double tflopsBf16, double tflopsFp32, double memBwGbps,
            double pcieGbps, double score, String computeCap, double pricePerGpuHour, boolean datacenter, int weight) {}

    static final List<Model> MODELS = List.of(
            new Model("RTX_3090", "RTX 3090", 24, 57, 25, 750, 24, 64, "8.6", 0.22, false, 14),
            new Model("RTX_4090", "RTX 4090", 24, 150, 60, 900, 24, 92, "8.9", 0.40, false, 24),
            new Model("RTX_5090", "RTX 5090", 32, 190, 80, 1500, 48, 135, "12.0", 0.75, false, 8),
            new Model("RTX_A6000", "RTX A6000", 48, 120, 30, 650, 24, 78, "8.6", 0.50, false, 6),
            new Model("L40S", "L40S", 48, 290, 65, 700, 24, 122, "8.9", 0.85, true, 8),
            new Model("A100_SXM4_80GB", "A100 SXM4 80GB", 80, 250, 13.7, 1564, 25, 100, "8.0", 1.30, true, 16),
            new Model("H100_SXM5_80GB", "H100 SXM5 80GB", 80, 798, 46.8, 2540, 50, 252, "9.0", 2.40, true, 18),
            new Model("H200_SXM", "H200 SXM", 141, 820, 47, 3110, 50, 268, "9.0", 3.20, true, 6));

    static final String[] COMMUNITY_REGIONS = {"us-east", "us-west", "eu-central", "eu-west", "ap-southeast", "sa-east"};
    static final String[] COUNTRIES = {"US", "US", "DE", "FR", "SG", "BR", "CA", "NL", "JP", "CN"};
    static final String[] DATACENTERS = {"us-east-1", "us-west-2", "eu-central-1", "eu-west-1", "ap-southeast-1"};

    private final SplittableRandom random;
    private final int totalWeight = MODELS.stream().mapToInt(Model::weight).sum();

    public MarketGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public List<Host> hosts(int count) {
        List<Host> hosts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hosts.add(host(String.format("host-%06d", i)));
        }
        return hosts;
    }

    Host host(String id) {
        Model model = pickModel();
        int gpuCount = model.datacenter() ? (random.nextInt(10) < 8 ? 8 : 4) : 1 + random.nextInt(8);
        List<GpuFacts> gpus = new ArrayList<>(gpuCount);
        double noise = 0.95 + random.nextDouble() * 0.10;
        for (int g = 0; g < gpuCount; g++) {
            gpus.add(new GpuFacts(g, model.skuId(), model.name(), model.vramGb(), model.tflopsBf16() * noise,
                    model.tflopsFp32() * noise, model.memBwGbps() * noise, model.pcieGbps(), model.score() * noise,
                    model.computeCap()));
        }
        // Busy market: about 60 % of GPUs rented, host by host.
        BitSet free = new BitSet();
        for (int g = 0; g < gpuCount; g++) {
            if (random.nextDouble() < 0.4) {
                free.set(g);
            }
        }
        int cpu = gpuCount * (model.datacenter() ? 16 : 8);
        long ram = gpuCount * (model.datacenter() ? 128L : 32L);
        long disk = gpuCount * (model.datacenter() ? 1000L : 250L);
        double freeShare = free.cardinality() / (double) gpuCount;
        FreeCapacity freeCapacity = new FreeCapacity(free, (int) Math.floor(cpu * freeShare),
                (long) Math.floor(ram * freeShare), (long) Math.floor(disk * freeShare));
        double priceFactor = 0.7 + random.nextDouble() * 0.6;
        long priceMicros = Math.round(model.pricePerGpuHour() * priceFactor * 100) * 10_000L; // whole cents
        Optional<HostOffer> offer = random.nextInt(20) == 0 ? Optional.empty()
                : Optional.of(new HostOffer(Money.ofMicros(priceMicros), Money.ofMicros(priceMicros * 2 / 5),
                        Money.parse("0.10"), model.datacenter() && random.nextBoolean() ? 2 : 1));
        boolean secure = model.datacenter() && random.nextInt(4) != 0;
        int roll = random.nextInt(100);
        VerificationState verification = roll < 80 ? VerificationState.VERIFIED
                : roll < 97 ? VerificationState.UNVERIFIED : VerificationState.DEVERIFIED;
        double reliability = secure ? 0.95 + random.nextDouble() * 0.049 : 0.75 + random.nextDouble() * 0.24;
        String region = secure ? DATACENTERS[random.nextInt(DATACENTERS.length)].replaceAll("-\\d$", "")
                : COMMUNITY_REGIONS[random.nextInt(COMMUNITY_REGIONS.length)];
        String datacenter = secure ? region + "-" + (1 + random.nextInt(2)) : "";
        String cuda = random.nextInt(10) < 7 ? "12.4" : random.nextBoolean() ? "12.2" : "12.8";
        return new Host(id, secure ? Tier.SECURE : Tier.COMMUNITY, region, datacenter,
                COUNTRIES[random.nextInt(COUNTRIES.length)], verification, reliability,
                Math.min(1, reliability + 0.01), cpu, ram, disk, 2000, 500 + random.nextInt(9500),
                500 + random.nextInt(9500), "550.54.15", cuda, gpus, freeCapacity, offer, true);
    }

    /** Pod requests as renters make them: mostly 1–2 consumer GPUs, some datacenter pods of 4–8. */
    public List<PlacementRequest> requests(int count) {
        List<PlacementRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(request(random.nextLong()));
        }
        return requests;
    }

    PlacementRequest request(long seed) {
        Model model = pickModel();
        int gpus = model.datacenter() ? (random.nextBoolean() ? 8 : 1 << random.nextInt(3)) : 1 + random.nextInt(2);
        PlacementRequest.Builder builder = PlacementRequest.forGpus(gpus)
                .resources(model.datacenter() ? 8 : 4, model.datacenter() ? 64 : 16, 50L * gpus)
                .seed(seed);
        int kind = random.nextInt(4);
        if (kind == 0) {
            builder.gpuModels(model.skuId());
        } else if (kind == 1) {
            builder.minVramGbPerGpu(model.vramGb()).minReliability(0.9);
        } else if (kind == 2) {
            builder.gpuModels(model.skuId()).requireVerified()
                    .maxPricePerHour(Money.ofMicros(Math.round(model.pricePerGpuHour() * 1.2 * gpus * 1_000_000)));
        } else {
            builder.minScorePerGpu(model.score() * 0.9).minCudaVersion("12.4");
        }
        return builder.build();
    }

    private Model pickModel() {
        int pick = random.nextInt(totalWeight);
        for (Model model : MODELS) {
            pick -= model.weight();
            if (pick < 0) {
                return model;
            }
        }
        throw new AssertionError("weights");
    }
}
