package dev.assay.pricing.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.pricing.Money;
import dev.assay.pricing.market.MarketObservation.ListedOffer;
import dev.assay.pricing.market.MarketObservation.WinningBid;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class MarketStatisticsTest {

    private static final List<MarketObservation> MARKET = List.of(
            new ListedOffer("RTX 4090", Money.parse("0.40"), 2, 2),
            new ListedOffer("RTX 4090", Money.parse("0.50"), 4, 1),
            new ListedOffer("RTX 4090", Money.parse("0.45"), 2, 1),
            new WinningBid("RTX 4090", Money.parse("0.25")),
            new WinningBid("RTX 4090", Money.parse("0.30")),
            new ListedOffer("H100 SXM", Money.parse("2.10"), 8, 8));

    @Test
    void summarisesEachModelSeparately() {
        SortedMap<String, MarketStatistics> byModel = MarketStatistics.byGpuModel(MARKET);

        assertThat(byModel.keySet()).containsExactly("H100 SXM", "RTX 4090");
        MarketStatistics rtx = byModel.get("RTX 4090");
        assertThat(rtx.onDemandPerGpuHour()).hasValueSatisfying(s -> {
            assertThat(s.count()).isEqualTo(3);
            assertThat(s.min()).isEqualTo(Money.parse("0.40"));
            assertThat(s.median()).isEqualTo(Money.parse("0.45"));
            assertThat(s.p90()).isEqualTo(Money.parse("0.50"));
        });
        assertThat(rtx.winningBidPerGpuHour()).hasValueSatisfying(s -> assertThat(s.median()).isEqualTo(Money.parse("0.25")));
        assertThat(rtx.gpusRented()).isEqualTo(4);
        assertThat(rtx.gpusListed()).isEqualTo(8);
        assertThat(rtx.utilisation().orElseThrow()).isCloseTo(0.5, within(1e-12));

        MarketStatistics h100 = byModel.get("H100 SXM");
        assertThat(h100.winningBidPerGpuHour()).isEmpty();
        assertThat(h100.utilisation().orElseThrow()).isEqualTo(1.0);
    }

    @Test
    void forOneModelMatchesTheGroupedAnswer() {
        assertThat(MarketStatistics.forGpuModel("RTX 4090", MARKET)).isEqualTo(MarketStatistics.byGpuModel(MARKET).get("RTX 4090"));
    }

    @Test
    void aModelWithNoObservationsHasEmptySpreadsAndUnknownUtilisation() {
        MarketStatistics none = MarketStatistics.forGpuModel("A100 80GB", MARKET);

        assertThat(none.onDemandPerGpuHour()).isEmpty();
        assertThat(none.winningBidPerGpuHour()).isEmpty();
        assertThat(none.utilisation()).isEmpty();
        assertThat(MarketStatistics.byGpuModel(List.of())).isEmpty();
    }

    @Test
    void rejectsBadObservations() {
        assertThatThrownBy(() -> new ListedOffer("RTX 4090", Money.parse("0.40"), 0, 0)).hasMessageContaining("gpusListed");
        assertThatThrownBy(() -> new ListedOffer("RTX 4090", Money.parse("0.40"), 2, 3)).hasMessageContaining("gpusRented");
        assertThatThrownBy(() -> new ListedOffer("RTX 4090", Money.ofMicros(-1), 2, 1)).hasMessageContaining("onDemandPerGpuHour");
        assertThatThrownBy(() -> new ListedOffer(" ", Money.parse("0.40"), 2, 1)).hasMessageContaining("gpuModel");
        assertThatThrownBy(() -> new WinningBid("RTX 4090", null)).hasMessageContaining("bidPerGpuHour");
        assertThatThrownBy(() -> MarketStatistics.byGpuModel(Arrays.asList((MarketObservation) null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketStatistics.forGpuModel("", MARKET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boundsTheNumberOfObservations() {
        List<MarketObservation> tooMany = Collections.nCopies(MarketStatistics.MAX_OBSERVATIONS + 1,
                new WinningBid("RTX 4090", Money.parse("0.30")));

        assertThatThrownBy(() -> MarketStatistics.byGpuModel(tooMany)).hasMessageContaining("at most");
        assertThatThrownBy(() -> MarketStatistics.forGpuModel("RTX 4090", tooMany)).hasMessageContaining("at most");
    }
}
