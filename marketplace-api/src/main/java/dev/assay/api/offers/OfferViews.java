package dev.assay.api.offers;

import dev.assay.api.hosts.HostDetail;
import dev.assay.api.json.MoneyView;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.matching.search.Offer;
import dev.assay.reputation.score.ScoreExplanation;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code /v1/offers} and {@code /v1/gpu-types} (snake_case; money as {@link MoneyView}). Every
 * offer says whether its host is {@code simulated}: a SIMULATED host's figures are made up, never measured.
 */
final class OfferViews {

    private OfferViews() {}

    /** Value per dollar-hour; absent (null) for a free offer, whose value is unbounded. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ValueView(@Nullable Double scorePerDollarHour, @Nullable Double tflopsPerDollarHour,
            @Nullable Double memBwGbpsPerDollarHour, @Nullable Double vramGbPerDollarHour) {}

    /** The machine behind an offer. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record HostFacts(int cpuCores, long ramGb, long diskGb, int freeCpuCores, long freeRamGb, long freeDiskGb,
            double diskBwMbps, double inetUpMbps, double inetDownMbps, String driverVersion, String cudaVersion,
            String computeCapability) {
        static HostFacts of(Host h) {
            return new HostFacts(h.cpuCores(), h.ramGb(), h.diskGb(), h.free().cpuCores(), h.free().ramGb(),
                    h.free().diskGb(), h.diskBandwidthMbps(), h.inetUpMbps(), h.inetDownMbps(), h.driverVersion(),
                    h.cudaVersion(), h.gpus().getFirst().computeCapability());
        }
    }

    /** One offer of a search. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record OfferView(String id, String hostId, String gpuModel, String gpuName, int numGpus, double vramGbPerGpu,
            MoneyView pricePerGpuHour, MoneyView pricePerHour, MoneyView minBidPerGpuHour, MoneyView storagePerGbMonth,
            double scorePerGpu, double totalScore, ValueView value, double reliability,
            @JsonProperty("uptime_30d") double uptime30d,
            boolean verified, String verification, String tier, String region, String datacenter, String geolocation,
            boolean simulated, HostFacts host) {

        static OfferView of(Offer o, Host host) {
            var v = o.value();
            return new OfferView(OfferIds.of(o.hostId(), o.gpuCount()), o.hostId(), o.gpuModel(), o.gpuName(),
                    o.gpuCount(), o.vramGbPerGpu(), MoneyView.of(o.pricePerGpuHour()), MoneyView.of(o.pricePerHour()),
                    MoneyView.of(o.minimumBidPerGpuHour()),
                    MoneyView.of(host.offer().orElseThrow().storagePerGbMonth()), o.scorePerGpu(), o.totalScore(),
                    new ValueView(finite(v.scorePerDollarHour()), finite(v.tflopsPerDollarHour()),
                            finite(v.memBandwidthGbpsPerDollarHour()), finite(v.vramGbPerDollarHour())),
                    o.reliability(), o.uptime30d(), o.verification() == VerificationState.VERIFIED,
                    o.verification().name(), o.tier().name(), o.region(), o.datacenter(), o.geolocation(),
                    o.simulated(), HostFacts.of(host));
        }
    }

    /**
     * {@code GET /v1/offers}: the best offers and how many matched before the limit; with an {@code order by}
     * the search stops once no later host can beat the last offer kept, and {@code total_matched} is then a
     * lower bound ({@code total_matched_exact} false).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record OfferPage(String query, int totalMatched, boolean totalMatchedExact, List<OfferView> items) {}

    /** One term of the score: measured ÷ reference, raised to the weight. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ScoreTermView(String figure, String unit, double measured, double reference, double weight, double ratio,
            double factor) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ScoreExplanationView(String formula, double score, List<ScoreTermView> terms) {
        static ScoreExplanationView of(ScoreExplanation e) {
            return new ScoreExplanationView(ScoreExplanation.FORMULA, e.score(), e.terms().stream()
                    .map(t -> new ScoreTermView(t.figure().name().toLowerCase(Locale.ROOT), t.figure().unit(),
                            t.measured(), t.reference(), t.weight(), t.ratio(), t.factor()))
                    .toList());
        }
    }

    /**
     * {@code GET /v1/offers/{id}}: the offer, how its score was made (recomputable from the figures shown),
     * the host's GPUs with their figures, its reliability components and health, and its latest benchmarks.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record OfferDetailView(OfferView offer, ScoreExplanationView scoreExplanation, List<HostDetail.Gpu> gpus,
            HostDetail.Health health, List<HostDetail.BenchmarkVerdict> latestBenchmarks, boolean simulated,
            @io.micronaut.core.annotation.Nullable SkuView sku) {}

    /**
     * The GPU model the offer's GPUs are, with what its datasheet promises and what a healthy one measures, so the
     * offer's measured figures can be read against both. Figures in the score's units (TFLOPS, GB/s).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SkuView(String id, String name, SkuFigures datasheet, SkuFigures baseline, String baselineBasis) {
        static SkuView of(dev.assay.reputation.sku.GpuSku sku) {
            var peaks = sku.datasheetPeaks();
            var expected = sku.expectedBaseline();
            var f = expected.figures();
            return new SkuView(sku.id(), sku.nvmlName(),
                    new SkuFigures(peaks.bf16Tflops(), peaks.memoryBandwidthGbps(), peaks.fp32Tflops(), null),
                    new SkuFigures(f.tensorTflops(), f.memoryBandwidthGbps(), f.fp32Tflops(), f.hostToDeviceGbps()),
                    expected.basis().name());
        }
    }

    /** The score's four figures; a datasheet gives no host-to-device figure. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SkuFigures(double tensorTflops, double memoryBandwidthGbps, double fp32Tflops,
            @io.micronaut.core.annotation.Nullable Double hostToDeviceGbps) {}

    /** {@code GET /v1/gpu-types}: one GPU model across the market. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record GpuTypeView(String gpuModel, String gpuName, int listedOffers, int availableGpus, long totalGpus,
            long heldGpus, @Nullable Double utilisation, @JsonProperty("p10_per_gpu_hour") @Nullable MoneyView p10PerGpuHour,
            @JsonProperty("p50_per_gpu_hour") @Nullable MoneyView p50PerGpuHour,
            @JsonProperty("p90_per_gpu_hour") @Nullable MoneyView p90PerGpuHour,
            @Nullable MoneyView winningBidPerGpuHour, long simulatedGpus) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record GpuTypeList(List<GpuTypeView> items) {}

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
