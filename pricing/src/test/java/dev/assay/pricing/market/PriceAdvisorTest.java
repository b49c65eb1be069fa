package dev.assay.pricing.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.Money;
import dev.assay.pricing.market.MarketObservation.ListedOffer;
import dev.assay.pricing.market.PriceReason.Direction;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PriceAdvisorTest {

    private static final String RTX = "RTX 4090";

    /** Ten offers of 4 GPUs at 0.30..0.60 (p10 0.30, median 0.44, p90 0.55), 25 of 40 GPUs rented. */
    private static MarketStatistics market() {
        long[] cents = {45, 30, 60, 38, 47, 40, 55, 35, 50, 44};
        int[] rented = {4, 4, 0, 4, 2, 4, 0, 4, 0, 3};
        List<MarketObservation> offers = new ArrayList<>();
        for (int i = 0; i < cents.length; i++) {
            offers.add(new ListedOffer(RTX, Money.ofMicros(cents[i] * 10_000), 4, rented[i]));
        }
        return MarketStatistics.forGpuModel(RTX, offers);
    }

    @Test
    void atTheMarketsUtilisationItSuggestsTheMedian() {
        PriceAdvice advice = PriceAdvisor.suggest(RTX, market(), 0.625);

        assertThat(advice).isInstanceOfSatisfying(PriceAdvice.Suggested.class,
                s -> assertThat(s.perGpuHour()).isEqualTo(Money.parse("0.44")));
        assertThat(advice.reasons()).containsExactly(
                new PriceReason.MarketMedian(RTX, Money.parse("0.44"), 10),
                new PriceReason.UtilisationGap(0.625, 0.625, Direction.AT_MEDIAN),
                new PriceReason.WithinObservedBand(Money.parse("0.30"), Money.parse("0.55")));
    }

    @Test
    void aHigherTargetPricesBelowTheMedianTowardP10() {
        // share = (0.85 - 0.625) / (1 - 0.625) = 0.6; 0.44 - 0.6 × (0.44 - 0.30) = 0.356
        PriceAdvice advice = PriceAdvisor.suggest(RTX, market(), 0.85);

        PriceAdvice.Suggested suggested = (PriceAdvice.Suggested) advice;
        assertThat(suggested.perGpuHour()).isEqualTo(Money.parse("0.356"));
        assertThat(suggested.reasons().get(1)).isEqualTo(new PriceReason.UtilisationGap(0.85, 0.625, Direction.BELOW_MEDIAN));
        assertThat(suggested.reasons().get(1).explain())
                .isEqualTo("target utilisation 0.85 is above the market's 0.63: price below median");
        assertThat(suggested.reasons().get(0).explain())
                .isEqualTo("median on-demand price of RTX 4090 is $0.44/h across 10 offers");
        assertThat(suggested.reasons().get(2)).isEqualTo(new PriceReason.MovedToward(
                Money.parse("0.44"), PriceReason.Percentile.P10, Money.parse("0.30"), 0.6, Money.parse("0.356")));
        assertThat(suggested.reasons().get(2).explain())
                .isEqualTo("moved 60% of the way from the median $0.44/h toward the p10 price $0.30/h: $0.356/h");
    }

    @Test
    void aLowerTargetPricesAboveTheMedianTowardP90() {
        // share = (0.625 - 0.25) / 0.625 = 0.6; 0.44 + 0.6 × (0.55 - 0.44) = 0.506
        PriceAdvice.Suggested suggested = (PriceAdvice.Suggested) PriceAdvisor.suggest(RTX, market(), 0.25);

        assertThat(suggested.perGpuHour()).isEqualTo(Money.parse("0.506"));
        assertThat(suggested.reasons().get(2)).isEqualTo(new PriceReason.MovedToward(
                Money.parse("0.44"), PriceReason.Percentile.P90, Money.parse("0.55"), 0.6, Money.parse("0.506")));
        assertThat(suggested.reasons().get(1).explain())
                .isEqualTo("target utilisation 0.25 is below the market's 0.63: price above median");
    }

    @Test
    void theExtremesAreP10AndP90() {
        assertThat(((PriceAdvice.Suggested) PriceAdvisor.suggest(RTX, market(), 1.0)).perGpuHour()).isEqualTo(Money.parse("0.30"));
        assertThat(((PriceAdvice.Suggested) PriceAdvisor.suggest(RTX, market(), 0.0)).perGpuHour()).isEqualTo(Money.parse("0.55"));
    }

    @Test
    void noListedOffersMeansNoAdvice() {
        MarketStatistics empty = MarketStatistics.forGpuModel(RTX, List.of());

        PriceAdvice advice = PriceAdvisor.suggest(RTX, empty, 0.8);

        assertThat(advice).isInstanceOf(PriceAdvice.NoAdvice.class);
        assertThat(advice.reasons()).containsExactly(new PriceReason.NoListedOffers(RTX));
        assertThat(advice.reasons().getFirst().explain()).isEqualTo("no listed offers of RTX 4090 to compare with");
    }

    @Test
    void fewOffersAreFlagged() {
        MarketStatistics thin = MarketStatistics.forGpuModel(RTX, List.of(new ListedOffer(RTX, Money.parse("0.40"), 1, 0)));

        PriceAdvice advice = PriceAdvisor.suggest(RTX, thin, 0.5);

        assertThat(advice.reasons()).contains(new PriceReason.FewOffers(1, PriceAdvisor.ENOUGH_OFFERS));
        assertThat(advice.reasons().getLast().explain()).isEqualTo("only 1 listed offer (fewer than 5): treat this suggestion as rough");
        assertThat(((PriceAdvice.Suggested) advice).perGpuHour()).isEqualTo(Money.parse("0.40"));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> PriceAdvisor.suggest(RTX, market(), 1.2)).hasMessageContaining("targetUtilisation");
        assertThatThrownBy(() -> PriceAdvisor.suggest(RTX, market(), -0.1)).hasMessageContaining("targetUtilisation");
        assertThatThrownBy(() -> PriceAdvisor.suggest(RTX, market(), Double.NaN)).hasMessageContaining("targetUtilisation");
        assertThatThrownBy(() -> PriceAdvisor.suggest("H100 SXM", market(), 0.5)).hasMessageContaining("not H100 SXM");
        assertThatThrownBy(() -> PriceAdvisor.suggest(RTX, null, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceAdvisor.suggest(null, market(), 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Bounded: the suggestion lies within [p10, p90] (so at or above the cheapest listed offer, never negative). */
    @Property
    void theSuggestionStaysWithinTheObservedBand(
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 50_000_000) Long> priceMicros,
            @ForAll @IntRange(min = 0, max = 8) int rentedPerOffer,
            @ForAll @DoubleRange(min = 0, max = 1) double target) {
        List<MarketObservation> offers = priceMicros.stream()
                .<MarketObservation>map(p -> new ListedOffer(RTX, Money.ofMicros(p), 8, rentedPerOffer)).toList();
        MarketStatistics market = MarketStatistics.forGpuModel(RTX, offers);
        PriceSummary listed = market.onDemandPerGpuHour().orElseThrow();

        Money suggested = ((PriceAdvice.Suggested) PriceAdvisor.suggest(RTX, market, target)).perGpuHour();

        assertThat(suggested).isBetween(listed.p10(), listed.p90());
        assertThat(suggested).isGreaterThanOrEqualTo(listed.min());
        assertThat(suggested.isNegative()).isFalse();
    }

    /** A host that wants more of its GPUs rented is never advised a higher price. */
    @Property
    void aHigherTargetNeverSuggestsAHigherPrice(@ForAll @DoubleRange(min = 0, max = 1) double a,
                                                @ForAll @DoubleRange(min = 0, max = 1) double b) {
        double lower = Math.min(a, b);
        double higher = Math.max(a, b);
        Money atLower = ((PriceAdvice.Suggested) PriceAdvisor.suggest(RTX, market(), lower)).perGpuHour();
        Money atHigher = ((PriceAdvice.Suggested) PriceAdvisor.suggest(RTX, market(), higher)).perGpuHour();

        assertThat(atHigher).isLessThanOrEqualTo(atLower);
    }
}
