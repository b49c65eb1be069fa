package dev.assay.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's generator alone, without a server: sizes the one-command start allows. */
class DemoHostsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T23:26:00Z");

    @Test
    void theLargestFleetGeneratesWithThirtyDaysOfGaplessHistoryPerHost() {
        // At 1000 hosts the seeded draw has hosts whose first hour is already an outage (it once made an empty
        // interval and the start failed).
        List<DemoFleet.DemoHost> fleet = DemoHosts.generate(1000, DemoFleet.SEED, NOW);

        assertThat(fleet).hasSize(1000);
        for (DemoFleet.DemoHost host : fleet) {
            var history = host.history();
            assertThat(history.getFirst().start()).isEqualTo(history.getLast().end().minus(Duration.ofDays(30)));
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).start()).isEqualTo(history.get(i - 1).end());
                assertThat(history.get(i).availability()).isNotEqualTo(history.get(i - 1).availability());
            }
        }
    }
}
