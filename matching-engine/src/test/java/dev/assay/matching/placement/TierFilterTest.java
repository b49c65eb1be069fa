package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.Tier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TierFilterTest {

    private final PlacementFilter filter = new TierFilter();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no tier asked: community passes", PlacementRequest.forGpus(1).build(), Tier.COMMUNITY, true),
                Arguments.of("no tier asked: secure passes", PlacementRequest.forGpus(1).build(), Tier.SECURE, true),
                Arguments.of("secure asked: secure passes", PlacementRequest.forGpus(1).tier(Tier.SECURE).build(), Tier.SECURE, true),
                Arguments.of("secure asked: community fails", PlacementRequest.forGpus(1).tier(Tier.SECURE).build(), Tier.COMMUNITY, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_the_tier_asked_for(String behaviour, PlacementRequest request, Tier tier, boolean accepted) {
        Host host = host("h").tier(tier).build();
        assertThat(filter.accepts(request, host)).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_tier() {
        assertThat(filter.explain(PlacementRequest.forGpus(1).tier(Tier.SECURE).build(), 5))
                .isEqualTo("5 are not in the SECURE tier");
    }
}
