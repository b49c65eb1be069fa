package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocationFilterTest {

    private final PlacementFilter filter = new LocationFilter();

    static Stream<Arguments> cases() {
        Host usEast1 = host("h").location("us-east", "us-east-1").build();
        return Stream.of(
                Arguments.of("anywhere when nothing is named", PlacementRequest.forGpus(1).build(), usEast1, true),
                Arguments.of("an accepted region", PlacementRequest.forGpus(1).regions("eu-west", "us-east").build(), usEast1, true),
                Arguments.of("another region", PlacementRequest.forGpus(1).regions("eu-west").build(), usEast1, false),
                Arguments.of("an accepted datacenter", PlacementRequest.forGpus(1).datacenters("us-east-1").build(), usEast1, true),
                Arguments.of("another datacenter", PlacementRequest.forGpus(1).datacenters("us-east-2").build(), usEast1, false),
                Arguments.of("region and datacenter must both match",
                        PlacementRequest.forGpus(1).regions("us-east").datacenters("us-east-2").build(), usEast1, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_hosts_in_the_regions_and_datacenters_named(String behaviour, PlacementRequest request, Host host, boolean accepted) {
        assertThat(filter.accepts(request, host)).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_places_named() {
        assertThat(filter.explain(PlacementRequest.forGpus(1).regions("eu-west", "eu-north").datacenters("fra-1").build(), 7))
                .isEqualTo("7 are outside region eu-west, eu-north / datacenter fra-1");
    }
}
