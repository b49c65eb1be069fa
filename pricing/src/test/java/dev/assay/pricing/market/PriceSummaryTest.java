package dev.assay.pricing.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PriceSummaryTest {

    private static List<Money> cents(long... values) {
        return LongStream.of(values).mapToObj(c -> Money.ofMicros(c * 10_000)).toList();
    }

    @Test
    void nearestRankOnTenPrices() {
        // Sorted: 30 35 38 40 44 45 47 50 55 60 (cents). p10 = rank 1, median = rank 5, p90 = rank 9.
        PriceSummary summary = PriceSummary.of(cents(45, 30, 60, 38, 47, 40, 55, 35, 50, 44));

        assertThat(summary).isEqualTo(new PriceSummary(10, Money.parse("0.30"), Money.parse("0.30"),
                Money.parse("0.44"), Money.parse("0.55"), Money.parse("0.60")));
    }

    @Test
    void nearestRankOnElevenPrices() {
        // n = 11: p10 = rank ceil(1.1) = 2, median = rank ceil(5.5) = 6, p90 = rank ceil(9.9) = 10.
        PriceSummary summary = PriceSummary.of(cents(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));

        assertThat(summary.p10()).isEqualTo(Money.parse("0.02"));
        assertThat(summary.median()).isEqualTo(Money.parse("0.06"));
        assertThat(summary.p90()).isEqualTo(Money.parse("0.10"));
    }

    @Test
    void onePriceIsEveryPercentile() {
        PriceSummary summary = PriceSummary.of(cents(42));
        assertThat(List.of(summary.min(), summary.p10(), summary.median(), summary.p90(), summary.max()))
                .containsOnly(Money.parse("0.42"));
    }

    @Test
    void rejectsNoPricesAndUnorderedFigures() {
        assertThatThrownBy(() -> PriceSummary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        Money one = Money.ofDollars(1);
        Money two = Money.ofDollars(2);
        assertThatThrownBy(() -> new PriceSummary(2, two, one, one, one, two)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceSummary(0, one, one, one, one, one)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void percentilesAreObservedPricesInOrderAndIgnoreInputOrder(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 10_000_000) Long> micros) {
        List<Money> prices = micros.stream().map(Money::ofMicros).toList();
        PriceSummary summary = PriceSummary.of(prices);
        List<Money> shuffled = new ArrayList<>(prices);
        Collections.reverse(shuffled);

        assertThat(prices).contains(summary.p10(), summary.median(), summary.p90());
        assertThat(summary.min()).isEqualTo(Collections.min(prices));
        assertThat(summary.max()).isEqualTo(Collections.max(prices));
        assertThat(PriceSummary.of(shuffled)).isEqualTo(summary);
        // Nearest rank: at least half of the prices are at or below the median, and at least half at or above it.
        assertThat(prices.stream().filter(p -> p.compareTo(summary.median()) <= 0).count() * 2).isGreaterThanOrEqualTo(prices.size());
        assertThat(prices.stream().filter(p -> p.compareTo(summary.median()) >= 0).count() * 2).isGreaterThanOrEqualTo(prices.size());
    }
}
