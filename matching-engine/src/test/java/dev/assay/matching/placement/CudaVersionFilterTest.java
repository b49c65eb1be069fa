package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CudaVersionFilterTest {

    private final PlacementFilter filter = new CudaVersionFilter();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no version asked", null, "11.8", true),
                Arguments.of("the same version", "12.4", "12.4", true),
                Arguments.of("a newer minor", "12.4", "12.6", true),
                Arguments.of("a newer major", "12.4", "13.0", true),
                Arguments.of("an older minor", "12.4", "12.2", false),
                Arguments.of("minor 10 is newer than minor 4", "12.4", "12.10", true),
                Arguments.of("an older major", "12.0", "11.8", false),
                Arguments.of("a patch level does not matter", "12.4", "12.4.1", true),
                Arguments.of("an unreadable host version runs nothing", "12.4", "unknown", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_drivers_that_run_the_version_asked(String behaviour, String minimum, String hostCuda, boolean accepted) {
        PlacementRequest.Builder request = PlacementRequest.forGpus(1);
        if (minimum != null) {
            request.minCudaVersion(minimum);
        }
        assertThat(filter.accepts(request.build(), host("h").cuda(hostCuda).build())).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_version() {
        assertThat(filter.explain(PlacementRequest.forGpus(1).minCudaVersion("12.4").build(), 97))
                .isEqualTo("97 run CUDA below 12.4");
    }
}
