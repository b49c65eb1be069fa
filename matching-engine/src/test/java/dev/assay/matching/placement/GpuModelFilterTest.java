package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GpuModelFilterTest {

    private final PlacementFilter filter = new GpuModelFilter();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("any model accepted when none named", PlacementRequest.forGpus(1).build(),
                        host("h").gpus("H100", 8).build(), true),
                Arguments.of("a named model is accepted", PlacementRequest.forGpus(1).gpuModels("A100", "RTX_4090").build(),
                        host("h").gpus("RTX_4090", 8).build(), true),
                Arguments.of("another model is rejected", PlacementRequest.forGpus(1).gpuModels("A100").build(),
                        host("h").gpus("RTX_4090", 8).build(), false),
                Arguments.of("a score at the minimum passes", PlacementRequest.forGpus(1).minScorePerGpu(100).build(),
                        host("h").score(100).build(), true),
                Arguments.of("a score below the minimum fails", PlacementRequest.forGpus(1).minScorePerGpu(100).build(),
                        host("h").score(99.9).build(), false),
                Arguments.of("VRAM below the minimum fails", PlacementRequest.forGpus(1).minVramGbPerGpu(48).build(),
                        host("h").vramGb(24).build(), false),
                Arguments.of("VRAM at the minimum passes", PlacementRequest.forGpus(1).minVramGbPerGpu(24).build(),
                        host("h").vramGb(24).build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_the_models_scores_and_vram_asked_for(String behaviour, PlacementRequest request, Host host, boolean accepted) {
        assertThat(filter.accepts(request, host)).isEqualTo(accepted);
    }

    @Test
    void explains_every_part_of_the_gpu_rule() {
        PlacementRequest request = PlacementRequest.forGpus(1).gpuModels("RTX_4090", "A100").minScorePerGpu(80)
                .minVramGbPerGpu(24).build();
        assertThat(filter.explain(request, 12))
                .isEqualTo("12 have no GPUs with RTX_4090 or A100, Assay Score 80+ per GPU, 24+ GB VRAM per GPU");
    }
}
