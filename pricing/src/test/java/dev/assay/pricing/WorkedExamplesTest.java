package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.pricing.market.MarketObservation;
import dev.assay.pricing.market.MarketObservation.ListedOffer;
import dev.assay.pricing.market.MarketStatistics;
import dev.assay.pricing.market.PriceAdvice;
import dev.assay.pricing.market.PriceAdvisor;
import dev.assay.pricing.market.PriceSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Backs the worked examples of the pricing sections of {@code docs/marketplace-rules.md}: one test per section, asserting every number exactly as the doc
 * writes it. If a rule changes, this test and the doc change together.
 */
class WorkedExamplesTest {

    private static Money usd(String dollars) {
        return Money.parse(dollars);
    }

    /** The doc shows ratios rounded half-up to two decimals. */
    private static String twoDecimals(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Section "All-in price and value", worked example. */
    @Test
    void allInPriceAndValue() {
        Money storagePerHour = AllInPrice.storagePerHour(usd("0.10"), 100);
        Money allIn = AllInPrice.perHour(usd("0.40"), 2, usd("0.10"), 100);
        Value offerA = Value.of(120, 2, allIn, 165, 1_008, 24);
        Value offerB = Value.of(400, 1, usd("2.20"), 0, 0, 0);

        assertThat(storagePerHour).isEqualTo(usd("0.013699"));
        assertThat(allIn).isEqualTo(usd("0.813699"));
        assertThat(twoDecimals(offerA.scorePerDollarHour())).isEqualTo("294.95");
        assertThat(twoDecimals(offerA.tflopsPerDollarHour())).isEqualTo("405.56");
        assertThat(twoDecimals(offerA.memBandwidthGbpsPerDollarHour())).isEqualTo("2477.57");
        assertThat(twoDecimals(offerA.vramGbPerDollarHour())).isEqualTo("58.99");
        assertThat(twoDecimals(offerB.scorePerDollarHour())).isEqualTo("181.82");
        assertThat(offerA.scorePerDollarHour()).isGreaterThan(offerB.scorePerDollarHour());
    }

    /** Section "Interruptible clearing price", worked example. */
    @Test
    void interruptibleClearingPrice() {
        Money minimumBid = usd("0.20");
        Money bidA = usd("0.50");
        Money bidB = usd("0.35");

        ClearingPrice nobodyWaiting = ClearingPrice.forHost(minimumBid, Optional.empty());
        assertThat(nobodyWaiting.perGpuHour()).isEqualTo(usd("0.20"));
        assertThat(nobodyWaiting.payableBy(bidA)).isEqualTo(usd("0.20"));
        assertThat(nobodyWaiting.payableBy(bidB)).isEqualTo(usd("0.20"));

        ClearingPrice cWaits = ClearingPrice.forHost(minimumBid, Optional.of(usd("0.30")));
        assertThat(cWaits.perGpuHour()).isEqualTo(usd("0.30"));
        assertThat(cWaits.payableBy(bidA)).isEqualTo(usd("0.30"));
        assertThat(cWaits.payableBy(bidB)).isEqualTo(usd("0.30"));

        ClearingPrice eWaits = ClearingPrice.forHost(minimumBid, Optional.of(usd("0.45")));
        assertThat(eWaits.perGpuHour()).isEqualTo(usd("0.45"));
        assertThat(eWaits.payableBy(bidA)).isEqualTo(usd("0.45"));
        assertThat(eWaits.payableBy(bidB)).isEqualTo(usd("0.35"));
        assertThat(eWaits.payableBy(bidA).times(2)).isEqualTo(usd("0.90"));
        assertThat(eWaits.payableBy(bidB).times(2)).isEqualTo(usd("0.70"));
    }

    /** Section "Per-second metering", worked example. */
    @Test
    void perSecondMetering() {
        HourlyRate oneDollar = HourlyRate.of(usd("1.00"));
        UsageMeter meter = UsageMeter.start(oneDollar);
        List<Long> firstThree = new ArrayList<>();
        for (int second = 1; second <= 1_000_000; second++) {
            UsageMeter.Tick tick = meter.tick(Duration.ofSeconds(1));
            if (second <= 3) {
                firstThree.add(tick.charge().micros());
            }
            if (second == 3) {
                assertThat(tick.meter().state().charged()).isEqualTo(Money.ofMicros(833));
                assertThat(tick.meter().state().charged()).isEqualTo(oneDollar.forDuration(Duration.ofSeconds(3)));
            }
            meter = tick.meter();
        }

        assertThat(firstThree).containsExactly(277L, 278L, 278L);
        assertThat(meter.state().charged()).isEqualTo(usd("277.777777"));
        assertThat(meter.state().charged()).isEqualTo(oneDollar.forDuration(Duration.ofSeconds(1_000_000)));
        // 7/9 of a micro-dollar carried, in units of 1/3.6e12 micro-dollar.
        assertThat(meter.state().carriedRemainder() * 9).isEqualTo(7 * 3_600_000_000_000L);
        // Rounding each tick on its own would have billed 277 micros a second.
        assertThat(oneDollar.forDuration(Duration.ofSeconds(1)).times(1_000_000)).isEqualTo(usd("277.000000"));
    }

    /** Section "Platform fee split", worked example. */
    @Test
    void platformFeeSplit() {
        FeeSplit split = FeeSplit.of(usd("277.777777"), 1_500);

        assertThat(split.platformFee()).isEqualTo(usd("41.666666"));
        assertThat(split.hostShare()).isEqualTo(usd("236.111111"));
        assertThat(split.hostShare().plus(split.platformFee())).isEqualTo(usd("277.777777"));
    }

    /** Section "Price suggestions", worked example. */
    @Test
    void priceSuggestions() {
        String[] prices = {"0.30", "0.35", "0.38", "0.40", "0.44", "0.45", "0.47", "0.50", "0.55", "0.60"};
        int[] rented = {4, 4, 4, 4, 3, 4, 2, 0, 0, 0}; // 25 of 40
        List<MarketObservation> offers = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            offers.add(new ListedOffer("RTX 4090", usd(prices[i]), 4, rented[i]));
        }
        MarketStatistics market = MarketStatistics.forGpuModel("RTX 4090", offers);
        PriceSummary listed = market.onDemandPerGpuHour().orElseThrow();

        assertThat(market.utilisation().orElseThrow()).isEqualTo(0.625);
        assertThat(listed.p10()).isEqualTo(usd("0.30"));
        assertThat(listed.median()).isEqualTo(usd("0.44"));
        assertThat(listed.p90()).isEqualTo(usd("0.55"));
        assertThat(((PriceAdvice.Suggested) PriceAdvisor.suggest("RTX 4090", market, 0.85)).perGpuHour())
                .isEqualTo(usd("0.356"));
        assertThat(((PriceAdvice.Suggested) PriceAdvisor.suggest("RTX 4090", market, 0.25)).perGpuHour())
                .isEqualTo(usd("0.506"));
    }
}
