package dev.assay.api.pods;

import dev.assay.api.json.MoneyView;
import dev.assay.pricing.AllInPrice;
import dev.assay.pricing.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The JSON of {@code /v1/pods} (snake_case); money as {@link MoneyView}, never a float. */
final class PodViews {

    private PodViews() {}

    /**
     * {@code POST /v1/pods}. Give {@code offer_id} (a host from an offer search) or {@code requirements};
     * CPU and RAM per GPU or as totals; {@code bid_per_gpu_hour} (decimal dollars) only for INTERRUPTIBLE.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record PodRequest(@Nullable String name, @Nullable String image, @Nullable Integer gpuCount,
                      @Nullable String offerId, @Nullable Requirements requirements, @Nullable Long diskGb,
                      @Nullable Integer cpuCoresPerGpu, @Nullable Long ramGbPerGpu, @Nullable Integer cpuCores,
                      @Nullable Long ramGb, @Nullable Map<String, String> env, @Nullable List<String> ports,
                      @Nullable String type, @Nullable String bidPerGpuHour) {
    }

    /**
     * The rules a host must meet; every one optional. Money as decimal dollars. {@code query} is offer query
     * language text ({@code gpu_ram>=24 reliability>0.98}, see docs/query-language.md): only hosts it matches
     * are considered, and the structured fields apply on top.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Requirements(@Nullable String query, @Nullable List<String> gpuModels, @Nullable Double minVramGbPerGpu,
                        @Nullable Double minScorePerGpu, @Nullable String minCudaVersion,
                        @Nullable List<String> regions, @Nullable List<String> datacenters, @Nullable String tier,
                        @Nullable Boolean verified, @Nullable Double minReliability,
                        @Nullable String maxPricePerHour) {
    }

    /** {@code PUT /v1/pods/{id}/bid}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record BidRequest(@Nullable String bidPerGpuHour) {
    }

    /** One stored transition. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record EventView(int seq, @Nullable String from, String to, String reason, String at) {
        static EventView of(PodEvent e) {
            return new EventView(e.seq(), e.from() == null ? null : e.from().name(), e.to().name(), e.reason(),
                    e.at().toString());
        }
    }

    /**
     * A pod. {@code price_per_hour} is all-in at the most it pays per GPU-hour (the on-demand price, or its
     * bid) plus storage; {@code current_price_per_hour} (one pod, RUNNING) what metering charges it now, for an
     * interruptible pod the host's clearing price; {@code cost_so_far} is what the ledger has charged for its
     * billed periods.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record PodView(String id, String name, String image, String type, String state, @Nullable String hostId,
                   int gpuCount, List<Integer> gpuIndices, int cpuCores, long ramGb, long diskGb, List<String> ports,
                   @Nullable MoneyView bidPerGpuHour, MoneyView pricePerHour,
                   @Nullable MoneyView currentPricePerHour, @Nullable MoneyView costSoFar,
                   @Nullable String runningSince, String createdAt, String updatedAt,
                   @Nullable List<EventView> events) {

        static PodView of(PodRow pod, @Nullable Money costSoFar, @Nullable List<PodEvent> events) {
            return of(pod, costSoFar, events, null);
        }

        static PodView of(PodRow pod, @Nullable Money costSoFar, @Nullable List<PodEvent> events,
                @Nullable Money currentPerHour) {
            Money perHour = AllInPrice.perHour(Money.ofMicros(pod.gpuPriceMicros()), pod.gpuCount(),
                    Money.ofMicros(pod.storageMicros()), pod.diskGb());
            return new PodView(pod.id(), pod.name(), pod.image(), pod.type().name(), pod.state().name(), pod.hostId(),
                    pod.gpuCount(), pod.gpuIndices(), pod.cpuCores(), pod.ramGb(), pod.diskGb(),
                    pod.ports().isEmpty() ? List.of() : Arrays.asList(pod.ports().split(",")),
                    pod.bidMicros() == null ? null : MoneyView.of(Money.ofMicros(pod.bidMicros())),
                    MoneyView.of(perHour), currentPerHour == null ? null : MoneyView.of(currentPerHour),
                    costSoFar == null ? null : MoneyView.of(costSoFar),
                    text(pod.runningSince()), text(pod.createdAt()), text(pod.updatedAt()),
                    events == null ? null : events.stream().map(EventView::of).toList());
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** {@code GET /v1/pods}: newest first, at most {@link PodQueries#MAX_LIST} pods. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record PodListView(List<PodView> items, @Nullable String nextCursor) {
    }
}
