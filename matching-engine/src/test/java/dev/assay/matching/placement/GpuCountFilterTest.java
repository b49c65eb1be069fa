package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GpuCountFilterTest {

    private final PlacementFilter filter = new GpuCountFilter();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("exactly enough free GPUs", 4, host("h").gpus("RTX_4090", 8).free(4).build(), true),
                Arguments.of("more free GPUs than asked", 2, host("h").gpus("RTX_4090", 8).free(4).build(), true),
                Arguments.of("one free GPU too few", 4, host("h").gpus("RTX_4090", 8).free(3).build(), false),
                Arguments.of("a full host", 1, host("h").gpus("RTX_4090", 8).free(0).build(), false),
                Arguments.of("more GPUs than the host has", 16, host("h").gpus("RTX_4090", 8).build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_hosts_with_enough_free_gpus(String behaviour, int gpus, Host host, boolean accepted) {
        assertThat(filter.accepts(PlacementRequest.forGpus(gpus).build(), host)).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_gpu_count() {
        assertThat(filter.explain(PlacementRequest.forGpus(4).build(), 812)).isEqualTo("812 lack 4 free GPUs");
        assertThat(filter.explain(PlacementRequest.forGpus(1).build(), 1)).isEqualTo("1 lacks 1 free GPU");
    }
}
