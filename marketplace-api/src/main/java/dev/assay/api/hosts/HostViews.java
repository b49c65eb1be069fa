package dev.assay.api.hosts;

import dev.assay.api.json.MoneyView;
import dev.assay.pricing.market.PriceAdvice;
import dev.assay.pricing.market.PriceReason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Locale;

/** The JSON of {@code /v1/hosts} (snake_case; money as {@link MoneyView}, never a float). */
final class HostViews {

    private HostViews() {}

    /** {@code POST /v1/hosts/enrollment-tokens}: optional lifetime in hours (1..168, default 24). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreateTokenRequest(@Nullable Integer expiresInHours, @Nullable String name, @Nullable String tier,
            @Nullable String region, @Nullable String datacenter, @Nullable String geolocation) {}

    /** The token itself appears only here, once. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreatedTokenView(String id, String token, String createdAt, String expiresAt) {
        static CreatedTokenView of(EnrollmentTokens.Created t) {
            return new CreatedTokenView(t.id(), t.token(), t.createdAt().toString(), t.expiresAt().toString());
        }
    }

    /** A token as listed: {@code state} is active, used or expired. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record TokenView(String id, String state, String createdAt, String expiresAt, @Nullable String usedAt,
            @Nullable String hostId) {
        static TokenView of(EnrollmentTokens.Listed t, java.time.Instant now) {
            String state = t.usedAt() != null ? "used" : t.expiresAt().isAfter(now) ? "active" : "expired";
            return new TokenView(t.id(), state, t.createdAt().toString(), t.expiresAt().toString(),
                    t.usedAt() == null ? null : t.usedAt().toString(), t.hostId());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record TokenList(List<TokenView> items) {}

    /** {@code GET /v1/hosts}: by id; {@code next_cursor} is absent on the last page. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record HostPage(List<HostDetail> items, @Nullable String nextCursor) {}

    /**
     * {@code PUT /v1/hosts/{id}/offer}: prices in dollars as decimal strings ({@code "0.45"}), available_until an
     * ISO-8601 instant or absent (listed until unlisted).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record OfferRequest(@Nullable String onDemandPerGpuHour, @Nullable String minBidPerGpuHour,
            @Nullable Integer minGpusPerPod, @Nullable String storagePerGbMonth, @Nullable String availableUntil) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record PodEarningsView(String podId, MoneyView amount, String firstPeriodFrom, String lastPeriodTo,
            int transfers) {
        static PodEarningsView of(HostEarnings.PodEarnings p) {
            return new PodEarningsView(p.podId(), MoneyView.of(p.amount()), p.firstPeriodFrom().toString(),
                    p.lastPeriodTo().toString(), p.transfers());
        }
    }

    /** {@code GET /v1/hosts/{id}/earnings}: the window's total and the most recent pods (bounded by limit). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record EarningsView(String hostId, @Nullable String from, @Nullable String to, MoneyView total, int pods,
            List<PodEarningsView> recentPods, boolean simulated) {}

    /** One reason of a price advice: {@code kind} says which fields are set; {@code explanation} in words. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ReasonView(String kind, String explanation, @Nullable MoneyView price, @Nullable Integer offers,
            @Nullable Double targetUtilisation, @Nullable Double marketUtilisation, @Nullable String direction,
            @Nullable String percentile, @Nullable Double share, @Nullable MoneyView p10, @Nullable MoneyView p90) {

        static ReasonView of(PriceReason reason) {
            String kind = snake(reason.getClass().getSimpleName());
            return switch (reason) {
                case PriceReason.NoListedOffers r ->
                        new ReasonView(kind, r.explain(), null, 0, null, null, null, null, null, null, null);
                case PriceReason.MarketMedian r -> new ReasonView(kind, r.explain(), MoneyView.of(r.medianPerGpuHour()),
                        r.offers(), null, null, null, null, null, null, null);
                case PriceReason.UtilisationGap r -> new ReasonView(kind, r.explain(), null, null,
                        r.targetUtilisation(), r.marketUtilisation(), r.direction().name().toLowerCase(Locale.ROOT),
                        null, null, null, null);
                case PriceReason.MovedToward r -> new ReasonView(kind, r.explain(), MoneyView.of(r.suggested()), null,
                        null, null, null, r.percentile().label(), r.share(), null, null);
                case PriceReason.WithinObservedBand r -> new ReasonView(kind, r.explain(), null, null, null, null,
                        null, null, null, MoneyView.of(r.p10()), MoneyView.of(r.p90()));
                case PriceReason.FewOffers r ->
                        new ReasonView(kind, r.explain(), null, r.offers(), null, null, null, null, null, null, null);
            };
        }
    }

    /** {@code GET /v1/hosts/{id}/price-advice}: a suggestion (or none) with its reasons, in order. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record PriceAdviceView(String hostId, String gpuModel, double targetUtilisation,
            @Nullable MoneyView suggestedPerGpuHour, List<ReasonView> reasons, boolean simulated) {
        static PriceAdviceView of(HostDetail host, double target, PriceAdvice advice) {
            MoneyView suggested = advice instanceof PriceAdvice.Suggested s ? MoneyView.of(s.perGpuHour()) : null;
            return new PriceAdviceView(host.id(), host.gpuModel(), target, suggested,
                    advice.reasons().stream().map(ReasonView::of).toList(), host.simulated());
        }
    }

    /** "MarketMedian" → "market_median". */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
