package dev.assay.api.demo;

import dev.assay.api.demo.DemoFleet.DemoHost;
import dev.assay.api.hosts.GpuSpec;
import dev.assay.api.hosts.MachineSpec;
import dev.assay.api.hosts.OfferTerms;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import dev.assay.reputation.reliability.HostAvailability;
import dev.assay.reputation.reliability.ObservedInterval;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.sku.GpuSku;
import dev.assay.reputation.sku.SkuCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes up a demo fleet, deterministically from a seed: a mix of consumer GPUs on the community tier and
 * datacenter GPUs on the secure tier, across regions, with SIMULATED figures near each SKU's baseline (so they
 * are plausible), prices around a typical market price, and 30 days of made-up uptime for the reliability
 * model. Nothing here is a measurement.
 */
final class DemoHosts {

    /** A GPU model of the fleet: its catalogue id, a typical on-demand price, pod sizes, and where it lives. */
    private record Kind(String skuId, long typicalMicros, int[] gpuCounts, boolean datacenter) {}

    private record Place(String region, String country, String datacenter) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("RTX_3090", 220_000, new int[] {1, 2, 4}, false),
            new Kind("RTX_4090", 400_000, new int[] {1, 2, 4, 8}, false),
            new Kind("RTX_5090", 650_000, new int[] {1, 2, 4}, false),
            new Kind("RTX_A6000", 500_000, new int[] {2, 4}, false),
            new Kind("L4", 350_000, new int[] {1, 4}, true),
            new Kind("L40S", 850_000, new int[] {2, 4, 8}, true),
            new Kind("A100_PCIE_40GB", 1_100_000, new int[] {1, 2, 4}, true),
            new Kind("A100_SXM4_80GB", 1_400_000, new int[] {4, 8}, true),
            new Kind("H100_SXM5_80GB", 2_400_000, new int[] {8}, true),
            new Kind("H200_SXM", 3_300_000, new int[] {8}, true));

    private static final List<Place> PLACES = List.of(
            new Place("us-east", "US", "ash1"), new Place("us-west", "US", "sjc2"),
            new Place("eu-central", "DE", "fra1"), new Place("eu-west", "NL", "ams3"),
            new Place("ap-northeast", "JP", "tyo1"), new Place("ca-central", "CA", "yul1"));

    private DemoHosts() {}

    static List<DemoHost> generate(int size, long seed, Instant now) {
        SkuCatalogue catalogue = SkuCatalogue.bundled();
        SplittableRandom random = new SplittableRandom(seed);
        List<DemoHost> fleet = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Kind kind = KINDS.get(random.nextInt(KINDS.size()));
            GpuSku sku = catalogue.find(kind.skuId()).orElseThrow(
                    () -> new IllegalStateException("the catalogue lacks demo SKU " + kind.skuId()));
            Place place = PLACES.get(random.nextInt(PLACES.size()));
            int gpus = kind.gpuCounts()[random.nextInt(kind.gpuCounts().length)];
            fleet.add(new DemoHost(machine(i, kind, sku, place, gpus, random), history(now, random),
                    verification(random), offer(kind, gpus, random)));
        }
        return fleet;
    }

    private static MachineSpec machine(int n, Kind kind, GpuSku sku, Place place, int gpus, SplittableRandom random) {
        // Near the baseline, never near the datasheet ceiling: plausible, as real healthy GPUs measure.
        MeasuredFigures figures = sku.expectedBaseline().figures().scaledBy(0.88 + 0.17 * random.nextDouble());
        double vramGb = sku.memoryMib() / 1024.0;
        List<GpuSpec> specs = new ArrayList<>(gpus);
        for (int g = 0; g < gpus; g++) {
            specs.add(new GpuSpec(sku.nvmlName(), Optional.empty(), vramGb, figures));
        }
        boolean secure = kind.datacenter() && random.nextInt(4) != 0;
        return new MachineSpec(String.format("demo-%s-%02d", kind.skuId().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), n),
                secure ? Tier.SECURE : Tier.COMMUNITY, place.region(), secure ? place.datacenter() : "",
                place.country(), Math.max(8, gpus * (8 + 8 * random.nextInt(3))), Math.max(32L, gpus * 64L),
                500L + 500L * random.nextInt(8), 1500 + 2500 * random.nextDouble(), 200 + 800 * random.nextDouble(),
                500 + 4500 * random.nextDouble(), "550.54.15", random.nextInt(3) == 0 ? "12.2" : "12.4", specs, true);
    }

    /** 30 days of hourly observations: mostly up, with outages whose frequency differs per host. */
    private static List<ObservedInterval> history(Instant now, SplittableRandom random) {
        double outageChancePerHour = 0.001 + 0.02 * random.nextDouble() * random.nextDouble();
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        Instant at = end.minus(Duration.ofDays(30));
        List<ObservedInterval> history = new ArrayList<>();
        Instant runStart = at;
        HostAvailability state = HostAvailability.ONLINE;
        while (at.isBefore(end)) {
            HostAvailability next = state == HostAvailability.ONLINE
                    ? (random.nextDouble() < outageChancePerHour ? HostAvailability.OFFLINE : HostAvailability.ONLINE)
                    : (random.nextDouble() < 0.4 ? HostAvailability.ONLINE : HostAvailability.OFFLINE);
            if (next != state) {
                // A change in the very first hour has no run behind it yet: an interval must not be empty.
                if (at.isAfter(runStart)) {
                    history.add(new ObservedInterval(runStart, at, state));
                }
                runStart = at;
                state = next;
            }
            at = at.plus(Duration.ofHours(1));
        }
        history.add(new ObservedInterval(runStart, end, state));
        return history;
    }

    private static VerificationState verification(SplittableRandom random) {
        int roll = random.nextInt(20);
        return roll < 14 ? VerificationState.VERIFIED : roll < 19 ? VerificationState.UNVERIFIED
                : VerificationState.DEVERIFIED;
    }

    /** Around the typical price (−20 % .. +25 %), to the cent; minimum bid 50..70 % of it. */
    private static OfferTerms offer(Kind kind, int gpus, SplittableRandom random) {
        long cents = Math.round(kind.typicalMicros() * (0.8 + 0.45 * random.nextDouble()) / 10_000.0);
        Money price = Money.ofMicros(cents * 10_000);
        Money minBid = Money.ofMicros(Math.round(price.micros() * (0.5 + 0.2 * random.nextDouble()) / 10_000.0) * 10_000);
        Money storage = Money.ofMicros(100_000 + 10_000L * random.nextInt(11));
        int minGpus = gpus >= 8 && random.nextBoolean() ? 2 : 1;
        return new OfferTerms(price, minBid, storage, minGpus, Optional.empty());
    }
}
