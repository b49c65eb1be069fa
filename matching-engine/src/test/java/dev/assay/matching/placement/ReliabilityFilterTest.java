package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReliabilityFilterTest {

    private final PlacementFilter filter = new ReliabilityFilter();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no minimum: an uncertain new host passes", 0.0, 0.10, true),
                Arguments.of("at the minimum passes", 0.98, 0.98, true),
                Arguments.of("below the minimum fails", 0.98, 0.979, false),
                Arguments.of("a perfect minimum needs a perfect host", 1.0, 0.999, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_hosts_at_or_above_the_minimum_reliability(String behaviour, double minimum, double reliability, boolean accepted) {
        PlacementRequest request = PlacementRequest.forGpus(1).minReliability(minimum).build();
        assertThat(filter.accepts(request, host("h").reliability(reliability).build())).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_minimum() {
        assertThat(filter.explain(PlacementRequest.forGpus(1).minReliability(0.98).build(), 40))
                .isEqualTo("40 have reliability below 0.98");
    }
}
