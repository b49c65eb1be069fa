package dev.assay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.placement.PlacementRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated market is realistic enough to benchmark on, and the same for the same seed. */
class MarketGeneratorTest {

    @Test
    void theSameSeedGivesTheSameMarket() {
        assertThat(new MarketGenerator(9).hosts(500)).isEqualTo(new MarketGenerator(9).hosts(500));
        assertThat(new MarketGenerator(9).requests(200)).isEqualTo(new MarketGenerator(9).requests(200));
    }

    @Test
    void hostsHaveOneToEightGpusPricesAroundMarketAndBothTiers() {
        List<Host> hosts = new MarketGenerator(1).hosts(5_000);

        assertThat(hosts).allSatisfy(h -> {
            assertThat(h.gpuCount()).isBetween(1, 8);
            assertThat(h.simulated()).as("generated figures are SIMULATED").isTrue();
            h.offer().ifPresent(offer -> {
                double market = MarketGenerator.MODELS.stream().filter(m -> m.skuId().equals(h.gpuModel()))
                        .findFirst().orElseThrow().pricePerGpuHour();
                double price = offer.onDemandPerGpuHour().toDollarsApprox();
                assertThat(price).as("±30 %% around market, in whole cents").isBetween(market * 0.7 - 0.005, market * 1.3 + 0.005);
                assertThat(offer.minimumBidPerGpuHour()).isLessThan(offer.onDemandPerGpuHour());
            });
        });
        assertThat(hosts).extracting(Host::tier).contains(Tier.SECURE, Tier.COMMUNITY);
        assertThat(hosts.stream().filter(h -> h.tier() == Tier.SECURE))
                .allSatisfy(h -> assertThat(MarketGenerator.MODELS.stream()
                        .filter(m -> m.skuId().equals(h.gpuModel())).findFirst().orElseThrow().datacenter()).isTrue());
        double freeShare = hosts.stream().mapToInt(Host::freeGpuCount).sum()
                / (double) hosts.stream().mapToInt(Host::gpuCount).sum();
        assertThat(freeShare).as("a busy market: about 40 % of GPUs free").isBetween(0.35, 0.45);
    }

    @Test
    void requestsAreValidPodSizes() {
        assertThat(new MarketGenerator(3).requests(1_000)).extracting(PlacementRequest::gpuCount)
                .allSatisfy(n -> assertThat(n).isIn(1, 2, 4, 8));
    }
}
