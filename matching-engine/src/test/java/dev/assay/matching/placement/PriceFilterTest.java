package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import dev.assay.pricing.Money;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PriceFilterTest {

    private final PlacementFilter filter = new PriceFilter();

    static Stream<Arguments> cases() {
        // 2 GPUs and 100 GB at $0.10/GB-month: storage is ceil(0.10 x 100 / 730) = $0.013699/h.
        return Stream.of(
                Arguments.of("no maximum", PlacementRequest.forGpus(2).resources(0, 0, 100).build(), "9.00", true),
                Arguments.of("all-in exactly at the maximum",
                        PlacementRequest.forGpus(2).resources(0, 0, 100).maxPricePerHour(Money.parse("0.813699")).build(), "0.40", true),
                Arguments.of("storage pushes it one micro-dollar over",
                        PlacementRequest.forGpus(2).resources(0, 0, 100).maxPricePerHour(Money.parse("0.813698")).build(), "0.40", false),
                Arguments.of("interruptible is priced at its own bid, not the on-demand price",
                        PlacementRequest.forGpus(2).interruptible(Money.parse("0.25")).maxPricePerHour(Money.parse("0.50")).build(),
                        "9.00", true),
                Arguments.of("a bid above the maximum",
                        PlacementRequest.forGpus(2).interruptible(Money.parse("0.26")).maxPricePerHour(Money.parse("0.50")).build(),
                        "0.10", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_hosts_whose_all_in_price_is_within_the_maximum(String behaviour, PlacementRequest request,
                                                                String onDemand, boolean accepted) {
        Host host = host("h").offer(onDemand, "0.05", "0.10", 1).build();
        assertThat(filter.accepts(request, host)).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_maximum() {
        assertThat(filter.explain(PlacementRequest.forGpus(1).maxPricePerHour(Money.parse("2")).build(), 30))
                .isEqualTo("30 are above your max price $2.00/h");
    }
}
