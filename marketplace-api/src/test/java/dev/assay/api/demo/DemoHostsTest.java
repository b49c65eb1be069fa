package dev.assay.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.demo.DemoFleet.DemoHost;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated fleet: reproducible from its seed, and a mix a newcomer can learn from. */
class DemoHostsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:00Z");

    @Test
    void theSameSeedMakesTheSameFleetAndAnotherSeedAnother() {
        List<DemoHost> first = DemoHosts.generate(200, DemoFleet.SEED, NOW);
        List<DemoHost> again = DemoHosts.generate(200, DemoFleet.SEED, NOW);
        List<DemoHost> other = DemoHosts.generate(200, DemoFleet.SEED + 1, NOW);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).extracting(h -> h.machine().name()).doesNotHaveDuplicates();
    }

    @Test
    void theDefaultFleetMixesTiersRegionsAndAFewBadHostsOfEachKind() {
        List<DemoHost> fleet = DemoHosts.generate(200, DemoFleet.SEED, NOW);
        Map<DemoConduct, Long> conduct = fleet.stream()
                .collect(Collectors.groupingBy(DemoHost::conduct, Collectors.counting()));

        assertThat(conduct.get(DemoConduct.FLAKY)).isBetween(5L, 15L);
        assertThat(conduct.get(DemoConduct.DEGRADED)).isBetween(3L, 10L);
        assertThat(conduct.get(DemoConduct.DISHONEST)).isBetween(3L, 6L);
        assertThat(fleet).extracting(h -> h.machine().tier()).contains(Tier.SECURE, Tier.COMMUNITY);
        assertThat(fleet.stream().map(h -> h.machine().region()).distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat(fleet.stream().map(h -> h.sku().id()).distinct().count()).isGreaterThanOrEqualTo(8);
        assertThat(fleet).allMatch(h -> h.machine().simulated());
    }

    @Test
    void nobodyStartsDeverifiedAndNoDishonestHostStartsVerified() {
        List<DemoHost> fleet = DemoHosts.generate(1_000, DemoFleet.SEED, NOW);

        assertThat(fleet).noneMatch(h -> h.verification() == VerificationState.DEVERIFIED);
        assertThat(fleet).filteredOn(h -> h.conduct() == DemoConduct.DISHONEST)
                .isNotEmpty().allMatch(h -> h.verification() == VerificationState.UNVERIFIED);
        Map<VerificationState, Long> states = fleet.stream().collect(Collectors.groupingBy(DemoHost::verification,
                Collectors.counting()));
        assertThat(states.get(VerificationState.VERIFIED)).isGreaterThan(states.get(VerificationState.UNVERIFIED));
    }

    @Test
    void flakyHostsHaveAPatchierPastThanSteadyOnes() {
        List<DemoHost> fleet = DemoHosts.generate(2_000, DemoFleet.SEED, NOW);
        Function<DemoConduct, Double> outagesPerHost = c -> fleet.stream().filter(h -> h.conduct() == c)
                .mapToInt(h -> h.history().size()).average().orElseThrow();

        assertThat(outagesPerHost.apply(DemoConduct.FLAKY)).isGreaterThan(2 * outagesPerHost.apply(DemoConduct.STEADY));
    }

    @Test
    void aThousandHostFleetHasThirtyDaysOfGaplessHistoryPerHost() {
        // At 1000 hosts the seeded draw has hosts whose first hour is already an outage (it once made an empty
        // interval and the start failed).
        List<DemoHost> fleet = DemoHosts.generate(1000, DemoFleet.SEED, NOW);

        assertThat(fleet).hasSize(1000);
        for (DemoHost host : fleet) {
            var history = host.history();
            assertThat(history.getFirst().start()).isEqualTo(history.getLast().end().minus(Duration.ofDays(30)));
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).start()).isEqualTo(history.get(i - 1).end());
                assertThat(history.get(i).availability()).isNotEqualTo(history.get(i - 1).availability());
            }
        }
    }
}
