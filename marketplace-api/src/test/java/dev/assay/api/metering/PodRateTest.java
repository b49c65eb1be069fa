package dev.assay.api.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.Money;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a running pod costs per hour: the inputs metering picks for the pricing module's rules. */
class PodRateTest {

    @Test
    void anOnDemandPodPaysItsPlacementPricePerGpuAndItsDiskRoundedUpOnce() {
        MeteredPod pod = pod(false, 3, 500_000, 200, 90_000, Optional.empty(), 999_000);

        // 3 × $0.50 + ceil(90,000 × 200 ÷ 730) = 1,500,000 + 24,658; the host's minimum bid plays no part.
        assertThat(PodRate.of(pod, Optional.of(2_000_000L))).isEqualTo(rate(1_524_658));
    }

    @Test
    void anInterruptiblePodPaysTheHighestWaitingBidWhenItIsAboveTheMinimum() {
        MeteredPod pod = pod(true, 2, 0, 0, 0, Optional.of(900_000L), 200_000);

        assertThat(PodRate.of(pod, Optional.of(650_000L))).isEqualTo(rate(2 * 650_000));
    }

    @Test
    void anInterruptiblePodNeverPaysMoreThanItsOwnBid() {
        MeteredPod pod = pod(true, 1, 0, 0, 0, Optional.of(600_000L), 200_000);

        assertThat(PodRate.of(pod, Optional.of(650_000L))).isEqualTo(rate(600_000));
    }

    @Test
    void anInterruptiblePodPaysTheMinimumBidWhenNobodyWaitsOrTheWaitingBidsAreLower() {
        MeteredPod pod = pod(true, 1, 0, 10, 73_000, Optional.of(900_000L), 700_000);

        assertThat(PodRate.of(pod, Optional.empty())).isEqualTo(rate(700_000 + 1_000));
        assertThat(PodRate.of(pod, Optional.of(300_000L))).isEqualTo(rate(700_000 + 1_000));
    }

    private static MeteredPod pod(boolean interruptible, int gpus, long gpuPrice, long diskGb, long storage,
            Optional<Long> bid, long minBid) {
        return new MeteredPod("pod_x", "org_r", "hst_x", "org_h", interruptible, gpus, diskGb, gpuPrice, storage, bid,
                minBid, Instant.parse("2026-03-01T10:00:00Z"), 0);
    }

    private static HourlyRate rate(long micros) {
        return HourlyRate.of(Money.ofMicros(micros));
    }
}
