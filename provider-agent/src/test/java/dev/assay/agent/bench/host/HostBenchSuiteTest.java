package dev.assay.agent.bench.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite in quick mode on the test machine: every figure measured, the temp file gone. */
class HostBenchSuiteTest {

    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresAllFiveFiguresWithUnitsAndSamplesAndLeavesNoFile() throws IOException {
        long started = System.nanoTime();
        HostBenchReport report = HostBenchSuite.run(HostBenchOptions.quick(dir));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.errors()).isEmpty();
        assertThat(report.suiteVersion()).isEqualTo(HostBenchSuite.VERSION);
        Map<String, HostFigure> byName = report.figures().stream()
                .collect(Collectors.toMap(HostFigure::name, Function.identity()));
        assertThat(byName).containsOnlyKeys("cpu_single_core_score", "cpu_multi_core_score", "ram_bandwidth_gbps",
                "disk_read_mbps", "disk_write_mbps");
        assertThat(byName.get("cpu_single_core_score").unit()).isEqualTo("score");
        assertThat(byName.get("cpu_multi_core_score").unit()).isEqualTo("score");
        assertThat(byName.get("ram_bandwidth_gbps").unit()).isEqualTo("GB/s");
        assertThat(byName.get("disk_read_mbps").unit()).isEqualTo("MB/s");
        assertThat(byName.get("disk_write_mbps").unit()).isEqualTo("MB/s");
        for (HostFigure f : report.figures()) {
            assertThat(f.value()).as(f.name()).isPositive().isFinite();
            assertThat(f.samples()).as(f.name()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> assertThat(s).isPositive());
            assertThat(f.value()).as(f.name() + " is the median of its samples")
                    .isBetween(f.samples().stream().mapToDouble(d -> d).min().orElseThrow(),
                            f.samples().stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat(f.relativeSpread()).as(f.name()).isNotNegative().isFinite();
            assertThat(f.method()).as(f.name()).isNotBlank();
        }
        // All threads together must not do much less than one does; how much more depends on how busy the CI
        // machine's two cores are (1.04 to 2.0 seen), so the bound only catches a broken multi-core run.
        assertThat(byName.get("cpu_multi_core_score").value())
                .isGreaterThanOrEqualTo(byName.get("cpu_single_core_score").value() * 0.6);
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("scaling ratio"));
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).startsWith("disk: ").contains("O_DIRECT"));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the temporary file is deleted").isEmpty();
        }
        assertThat(took).as("quick mode stays within about its 2 s budget").isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anUnwritableDirectoryIsADiskErrorAndTheOtherFiguresAreStillMeasured() {
        HostBenchReport report = HostBenchSuite.run(HostBenchOptions.quick(dir.resolve("missing")));

        assertThat(report.errors()).singleElement().asString().startsWith("disk: cannot create a file in ");
        assertThat(report.figures()).extracting(HostFigure::name).containsExactly("cpu_single_core_score",
                "cpu_multi_core_score", "ram_bandwidth_gbps");
    }

    @Test
    void theWorkloadIsDeterministic() {
        CpuWorkload one = new CpuWorkload();
        CpuWorkload two = new CpuWorkload();
        long a = 0;
        long b = 0;
        for (int i = 0; i < 50; i++) {
            a = one.unit();
            b = two.unit();
        }
        assertThat(a).isEqualTo(b);
        assertThat(new CpuWorkload().unit()).isNotEqualTo(a);
    }

    @Test
    void ramBlockIsTheCapOrAnEighthOfAvailableMemory() {
        assertThat(RamBench.blockBytes(256L << 20, OptionalLong.of(64L << 30))).isEqualTo(256L << 20);
        assertThat(RamBench.blockBytes(256L << 20, OptionalLong.of(1L << 30))).isEqualTo(128L << 20);
        assertThat(RamBench.blockBytes(256L << 20, OptionalLong.empty())).isEqualTo(256L << 20);
        assertThat(RamBench.blockBytes(256L << 20, OptionalLong.of(1L << 20))).isEqualTo(1L << 20);
    }

    @Test
    void medianAndSpreadOfSamples() {
        Samples s = new Samples(List.of(4.0, 1.0, 3.0, 2.0));

        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.relativeSpread()).isCloseTo(Math.sqrt(1.25) / 2.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new Samples(List.of(5.0, 1.0, 3.0)).median()).isEqualTo(3.0);
    }

    @Test
    void atLeastThreeSamplesEvenPastTheDeadline() {
        Samples s = Samples.collect(10, System.nanoTime() - 1, () -> 1.0);

        assertThat(s.values()).hasSize(3);
    }

    @Test
    void warmUpRunsUntilThreeSamplesInARowAgree() {
        java.util.Iterator<Double> rates = List.of(100.0, 400.0, 900.0, 950.0, 960.0, 970.0, 980.0).iterator();

        int taken = Samples.warmUp(rates::next, 0.06, System.nanoTime() + Duration.ofSeconds(10).toNanos());

        assertThat(taken).isEqualTo(6);
        assertThat(rates.next()).isEqualTo(980.0);
    }

    @Test
    void fewerThanThreeRepeatsIsRefused() {
        assertThatThrownBy(() -> new HostBenchOptions(dir, 2, Duration.ofMillis(10), 1L << 20, Duration.ofMillis(10),
                1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
    }
}
