package dev.assay.reputation.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReliabilityModelTest {

    static final Instant AS_OF = Instant.parse("2025-06-30T00:00:00Z");
    private final ReliabilityModel model = ReliabilityModel.withDefaults();

    /** A host's life: back-to-back intervals of random states and lengths ending at AS_OF, plus failures. */
    record Life(List<ObservedInterval> history, List<HostFailure> failures) {}

    @Provide
    Arbitrary<Life> lives() {
        Arbitrary<List<Integer>> minutes = Arbitraries.integers().between(1, 20_000).list().ofMaxSize(40);
        Arbitrary<List<HostAvailability>> states = Arbitraries.of(HostAvailability.class).list().ofSize(40);
        Arbitrary<List<Integer>> failureAgesMinutes = Arbitraries.integers().between(0, 90 * 24 * 60).list().ofMaxSize(10);
        return Combinators.combine(minutes, states, failureAgesMinutes).as((lengths, kinds, failureAges) -> {
            List<ObservedInterval> history = new ArrayList<>();
            Instant end = AS_OF;
            for (int i = 0; i < lengths.size(); i++) {
                Instant start = end.minus(Duration.ofMinutes(lengths.get(i)));
                history.add(new ObservedInterval(start, end, kinds.get(i)));
                end = start;
            }
            List<HostFailure> failures = failureAges.stream()
                    .map(age -> new HostFailure(AS_OF.minus(Duration.ofMinutes(age)), "test")).toList();
            return new Life(history, failures);
        });
    }

    @Property
    void theLowerBoundNeverExceedsTheMeanAndBothLieInZeroToOne(@ForAll("lives") Life life) {
        ReliabilityEstimate estimate = model.estimate(life.history(), life.failures(), AS_OF);
        assertThat(estimate.lowerBound()).isBetween(0.0, 1.0).isLessThanOrEqualTo(estimate.mean());
        assertThat(estimate.mean()).isBetween(0.0, 1.0);
        assertThat(estimate.uptime1d()).isBetween(0.0, 1.0);
        assertThat(estimate.uptime7d()).isBetween(0.0, 1.0);
        assertThat(estimate.uptime30d()).isBetween(0.0, 1.0);
    }

    @Property
    void aHostFailureNeverRaisesTheEstimate(@ForAll("lives") Life life, @ForAll @IntRange(min = 0, max = 100_000) int ageMinutes) {
        List<HostFailure> more = new ArrayList<>(life.failures());
        more.add(new HostFailure(AS_OF.minus(Duration.ofMinutes(ageMinutes)), "GPU lost"));
        ReliabilityEstimate before = model.estimate(life.history(), life.failures(), AS_OF);
        ReliabilityEstimate after = model.estimate(life.history(), more, AS_OF);
        assertThat(after.mean()).isLessThan(before.mean());
        assertThat(after.lowerBound()).isLessThanOrEqualTo(before.lowerBound());
    }

    @Property
    void cuttingAnIntervalInTwoChangesNothing(@ForAll @IntRange(min = 2, max = 40_000) int lengthMinutes,
            @ForAll @IntRange(min = 1, max = 39_999) int cutMinutes) {
        int cut = Math.min(cutMinutes, lengthMinutes - 1);
        Instant start = AS_OF.minus(Duration.ofMinutes(lengthMinutes));
        Instant middle = start.plus(Duration.ofMinutes(cut));
        ReliabilityEstimate whole = model.estimate(
                List.of(new ObservedInterval(start, AS_OF, HostAvailability.ONLINE)), List.of(), AS_OF);
        ReliabilityEstimate halves = model.estimate(List.of(
                new ObservedInterval(middle, AS_OF, HostAvailability.ONLINE),
                new ObservedInterval(start, middle, HostAvailability.ONLINE)), List.of(), AS_OF);
        assertThat(halves.alpha()).isCloseTo(whole.alpha(), within(1e-9));
        assertThat(halves.lowerBound()).isCloseTo(whole.lowerBound(), within(1e-9));
    }

    @Test
    void aNewHostStartsUncertainNotPerfect() {
        ReliabilityEstimate fresh = model.estimate(List.of(), List.of(), AS_OF);
        assertThat(fresh.mean()).isCloseTo(0.9, within(1e-12));
        assertThat(fresh.lowerBound()).isCloseTo(Math.pow(0.05, 1.0 / 9), within(1e-9)).isLessThan(0.75);
        assertThat(fresh.uptime30d()).isZero();
        assertThat(fresh.observed30d()).isEqualTo(Duration.ZERO);
    }

    @Test
    void evidenceOneHalfLifeOldWeighsHalf() {
        Instant weekAgo = AS_OF.minus(Duration.ofDays(7));
        ReliabilityEstimate recent = model.estimate(List.of(), List.of(new HostFailure(AS_OF, "now")), AS_OF);
        ReliabilityEstimate old = model.estimate(List.of(), List.of(new HostFailure(weekAgo, "a week ago")), AS_OF);
        assertThat(recent.beta()).isCloseTo(1 + 4, within(1e-12));
        assertThat(old.beta()).isCloseTo(1 + 2, within(1e-12));
        assertThat(old.failures30d()).isEqualTo(1);
    }

    @Test
    void aProvenHostRanksAboveANewOneAndARecentOutageHurtsMoreThanAnOldOne() {
        ObservedInterval month = new ObservedInterval(AS_OF.minus(Duration.ofDays(30)), AS_OF, HostAvailability.ONLINE);
        ReliabilityEstimate proven = model.estimate(List.of(month), List.of(), AS_OF);
        ReliabilityEstimate fresh = model.estimate(List.of(), List.of(), AS_OF);
        assertThat(proven.lowerBound()).isGreaterThan(0.98).isGreaterThan(fresh.lowerBound());

        ReliabilityEstimate recentOutage = model.estimate(outageDaysAgo(1), List.of(), AS_OF);
        ReliabilityEstimate oldOutage = model.estimate(outageDaysAgo(20), List.of(), AS_OF);
        assertThat(recentOutage.mean()).isLessThan(oldOutage.mean());
        // Both outages are inside the 30-day window, so undecayed uptime is the same.
        assertThat(recentOutage.uptime30d()).isEqualTo(oldOutage.uptime30d()).isCloseTo(1 - 6.0 / 720, within(1e-12));
    }

    @Test
    void maintenanceCountsNeitherWay() {
        List<ObservedInterval> withMaintenance = List.of(
                new ObservedInterval(AS_OF.minus(Duration.ofDays(2)), AS_OF.minus(Duration.ofDays(1)), HostAvailability.ONLINE),
                new ObservedInterval(AS_OF.minus(Duration.ofDays(1)), AS_OF, HostAvailability.MAINTENANCE));
        ReliabilityEstimate estimate = model.estimate(withMaintenance, List.of(), AS_OF);
        assertThat(estimate.uptime1d()).isZero(); // nothing observed in the last day but maintenance
        assertThat(estimate.uptime7d()).isEqualTo(1.0);
        assertThat(estimate.observed30d()).isEqualTo(Duration.ofDays(1));
        assertThat(estimate.beta()).isEqualTo(1.0);
    }

    @Test
    void aLongerHalfLifeRemembersLonger() {
        ReliabilityModel longMemory = new ReliabilityModel(ReliabilityPolicy.defaults().withHalfLife(Duration.ofDays(28)));
        List<ObservedInterval> oldOutage = outageDaysAgo(20);
        assertThat(longMemory.estimate(oldOutage, List.of(), AS_OF).mean())
                .isLessThan(model.estimate(oldOutage, List.of(), AS_OF).mean());
    }

    @Test
    void badInputIsRejectedNamingTheProblem() {
        ObservedInterval a = new ObservedInterval(AS_OF.minus(Duration.ofHours(5)), AS_OF.minus(Duration.ofHours(2)), HostAvailability.ONLINE);
        ObservedInterval overlapping = new ObservedInterval(AS_OF.minus(Duration.ofHours(3)), AS_OF, HostAvailability.OFFLINE);
        assertThatThrownBy(() -> model.estimate(List.of(a, overlapping), List.of(), AS_OF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> model.estimate(List.of(a), List.of(), AS_OF.minus(Duration.ofHours(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asOf");
        assertThatThrownBy(() -> model.estimate(List.of(), List.of(new HostFailure(AS_OF.plusSeconds(1), "x")), AS_OF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failures");
        assertThatThrownBy(() -> new ObservedInterval(AS_OF, AS_OF, HostAvailability.ONLINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end");
        assertThatThrownBy(() -> ReliabilityPolicy.defaults().withHalfLife(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("halfLife");
    }

    /** 30 days online except a 6-hour outage that started {@code daysAgo} days ago. */
    static List<ObservedInterval> outageDaysAgo(int daysAgo) {
        Instant outageStart = AS_OF.minus(Duration.ofDays(daysAgo));
        Instant outageEnd = outageStart.plus(Duration.ofHours(6));
        return List.of(
                new ObservedInterval(AS_OF.minus(Duration.ofDays(30)), outageStart, HostAvailability.ONLINE),
                new ObservedInterval(outageStart, outageEnd, HostAvailability.OFFLINE),
                new ObservedInterval(outageEnd, AS_OF, HostAvailability.ONLINE));
    }
}
