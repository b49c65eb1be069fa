package dev.assay.matching.placement;

import static dev.assay.matching.placement.TestHosts.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.matching.inventory.Host;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CpuRamDiskFilterTest {

    private final PlacementFilter filter = new CpuRamDiskFilter();

    static Stream<Arguments> cases() {
        // 2 GPUs x (8 cores, 32 GB) + 100 GB disk = 16 cores, 64 GB RAM, 100 GB disk.
        return Stream.of(
                Arguments.of("exactly enough of everything", 16, 64L, 100L, true),
                Arguments.of("one core short", 15, 64L, 100L, false),
                Arguments.of("one GB of RAM short", 16, 63L, 100L, false),
                Arguments.of("one GB of disk short", 16, 64L, 99L, false),
                Arguments.of("plenty", 128, 1024L, 4000L, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accepts_hosts_with_the_cpu_ram_and_disk_free(String behaviour, int cores, long ramGb, long diskGb, boolean accepted) {
        PlacementRequest request = PlacementRequest.forGpus(2).resources(8, 32, 100).build();
        Host host = host("h").freeResources(cores, ramGb, diskGb).build();
        assertThat(filter.accepts(request, host)).isEqualTo(accepted);
    }

    @Test
    void explains_with_the_pod_totals() {
        assertThat(filter.explain(PlacementRequest.forGpus(2).resources(8, 32, 100).build(), 2))
                .isEqualTo("2 lack 16 CPU cores, 64 GB RAM or 100 GB disk free");
    }
}
