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

class OfferFilterTest {

    private final PlacementFilter filter = new OfferFilter();

    static Stream<Arguments> cases() {
        PlacementRequest twoGpus = PlacementRequest.forGpus(2).build();
        return Stream.of(
                Arguments.of("a listed host", twoGpus, host("h").build(), true),
                Arguments.of("an unlisted host", twoGpus, host("h").unlisted().build(), false),
                Arguments.of("a pod at the minimum pod size", twoGpus, host("h").offer("0.40", "0.20", "0.10", 2).build(), true),
                Arguments.of("a pod below the minimum pod size", twoGpus, host("h").offer("0.40", "0.20", "0.10", 4).build(), false),
                Arguments.of("a bid at the minimum bid", PlacementRequest.forGpus(2).interruptible(Money.parse("0.20")).build(),
                        host("h").offer("0.40", "0.20", "0.10", 1).build(), true),
                Arguments.of("a bid below the minimum bid", PlacementRequest.forGpus(2).interruptible(Money.parse("0.19")).build(),
                        host("h").offer("0.40", "0.20", "0.10", 1).build(), false),
                Arguments.of("on-demand ignores the minimum bid", twoGpus,
                        host("h").offer("0.40", "9.00", "0.10", 1).build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_listed_hosts_whose_offer_covers_the_pod(String behaviour, PlacementRequest request, Host host, boolean accepted) {
        assertThat(filter.accepts(request, host)).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_bid_for_interruptible_pods() {
        assertThat(filter.explain(PlacementRequest.forGpus(2).interruptible(Money.parse("0.19")).build(), 3))
                .isEqualTo("3 are not offered for 2-GPU pods (not listed, a larger minimum pod, or a minimum bid above $0.19/GPU-h)");
    }
}
