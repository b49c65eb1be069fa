package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.matching.inventory.Host;
import dev.assay.pricing.Money;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScorersTest {

    private final PlacementScorer value = new ValueScorer();
    private final PlacementScorer reliability = new ReliabilityScorer();
    private final PlacementScorer binPack = new BinPackScorer();
    private final PlacementScorer locality = new LocalityScorer();

    static Stream<Arguments> binPackCases() {
        return Stream.of(
                Arguments.of("an exact fit on a busy host scores 1", 8, 2, 1.0),
                Arguments.of("an exact fit on a whole host scores 1", 2, 2, 1.0),
                Arguments.of("leaving 2 of 8 free", 8, 4, 1 - 2.0 / 8),
                Arguments.of("breaking into a whole 8-GPU host is halved", 8, 8, (1 - 6.0 / 8) / 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binPackCases")
    void bin_pack_prefers_the_host_the_pod_fills_best(String behaviour, int gpus, int free, double expected) {
        Host host = host("h").gpus("RTX_4090", gpus).free(free).build();
        assertThat(binPack.score(PlacementRequest.forGpus(2).build(), host)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void bin_pack_ranks_exact_fit_above_partial_fit_above_a_whole_big_host() {
        PlacementRequest request = PlacementRequest.forGpus(2).build();
        double exact = binPack.score(request, host("a").gpus("RTX_4090", 4).free(2).build());
        double partial = binPack.score(request, host("b").gpus("RTX_4090", 8).free(4).build());
        double whole = binPack.score(request, host("c").gpus("RTX_4090", 8).free(8).build());
        assertThat(exact).isGreaterThan(partial);
        assertThat(partial).isGreaterThan(whole);
    }

    @Test
    void value_is_half_at_200_score_points_per_dollar_hour_and_rises_as_the_price_falls() {
        PlacementRequest request = PlacementRequest.forGpus(1).build();
        // Score 100 at $0.50/h, no disk: 200 points per dollar-hour.
        assertThat(value.score(request, host("h").offer("0.50", "0.10", "0.10", 1).build())).isCloseTo(0.5, within(1e-12));
        double cheaper = value.score(request, host("h").offer("0.25", "0.10", "0.10", 1).build());
        assertThat(cheaper).isCloseTo(400.0 / 600.0, within(1e-12));
        assertThat(value.score(request, host("h").offer("0", "0", "0", 1).build())).isEqualTo(1.0);
    }

    @Test
    void value_of_an_interruptible_pod_uses_the_hosts_minimum_bid() {
        PlacementRequest request = PlacementRequest.forGpus(1).interruptible(Money.parse("5.00")).build();
        // Minimum bid $0.50: 200 points per dollar-hour whatever the on-demand price or the pod's own bid.
        assertThat(value.score(request, host("h").offer("3.00", "0.50", "0.10", 1).build())).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void reliability_is_the_hosts_lower_bound() {
        assertThat(reliability.score(PlacementRequest.forGpus(1).build(), host("h").reliability(0.93).build())).isEqualTo(0.93);
    }

    @Test
    void locality_prefers_the_first_datacenter_then_the_first_region_and_is_neutral_without_preference() {
        Host euWest = host("h").location("eu-west", "ams-1").build();
        assertThat(locality.score(PlacementRequest.forGpus(1).build(), euWest)).isEqualTo(1.0);
        assertThat(locality.score(PlacementRequest.forGpus(1).regions("eu-west", "us-east").build(), euWest)).isEqualTo(1.0);
        assertThat(locality.score(PlacementRequest.forGpus(1).regions("us-east", "eu-west").build(), euWest)).isEqualTo(0.5);
        assertThat(locality.score(PlacementRequest.forGpus(1).regions("eu-west").datacenters("fra-1", "ams-1", "lon-1").build(), euWest))
                .isCloseTo(1 - 1.0 / 3, within(1e-12));
    }

    @Test
    void price_is_half_at_one_dollar_an_hour_and_falls_as_the_price_rises() {
        PlacementScorer price = new PriceScorer();
        PlacementRequest request = PlacementRequest.forGpus(2).build();
        assertThat(price.score(request, host("h").offer("0.50", "0.10", "0", 1).build())).isCloseTo(0.5, within(1e-12));
        double dearer = price.score(request, host("h").offer("0.51", "0.10", "0", 1).build());
        assertThat(dearer).isLessThan(0.5);
        assertThat(price.score(request, host("h").offer("0", "0", "0", 1).build())).isEqualTo(1.0);
    }

    @Test
    void scorer_weights_must_be_finite_not_negative_and_not_all_zero() {
        assertThatThrownBy(() -> new ScorerWeights(-0.1, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorerWeights(Double.NaN, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorerWeights(0, 0, 0, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScorerWeights(0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_price_only_pipeline_places_on_the_cheapest_feasible_host_a_value_first_one_on_the_best_value() {
        PlacementRequest request = PlacementRequest.forGpus(1).build();
        Host cheapSlow = host("cheap").gpus("RTX_4090", 1).free(1).score(50).offer("0.30", "0.10", "0", 1).build();
        Host dearFast = host("fast").gpus("RTX_4090", 1).free(1).score(300).offer("0.40", "0.10", "0", 1).build();
        dev.assay.matching.inventory.InventorySnapshot market =
                dev.assay.matching.inventory.InventorySnapshot.of(java.util.List.of(cheapSlow, dearFast));

        PlacementDecision byPrice = PlacementPipelines.weighted(ScorerWeights.PRICE_ONLY, PlacementLimits.DEFAULT)
                .place(market, request);
        PlacementDecision byValue = PlacementPipelines.standard().place(market, request);

        assertThat(((PlacementDecision.Placed) byPrice).plan().hostId()).isEqualTo("cheap");
        assertThat(((PlacementDecision.Placed) byPrice).plan().score().byScorer()).containsOnlyKeys("price");
        assertThat(((PlacementDecision.Placed) byValue).plan().hostId()).isEqualTo("fast");
        assertThat(((PlacementDecision.Placed) byValue).plan().score().byScorer())
                .containsOnlyKeys("value", "reliability", "bin-pack", "locality");
    }
}
