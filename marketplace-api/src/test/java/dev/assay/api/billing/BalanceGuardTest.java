package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.Money;
import dev.assay.pricing.UsageMeter;
import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The balance guard: stop before the balance could go negative, and not earlier than needed. */
class BalanceGuardTest {

    static final BalanceGuard EVERY_MINUTE = new BalanceGuard(Duration.ofMinutes(1));

    @Example
    void aRenterWithAnHourAtTwoDollarsAnHourKeepsRunningForAnHour() {
        GuardDecision decision = EVERY_MINUTE.assess(Money.parse("2.00"), HourlyRate.of(Money.parse("2.00")));

        assertThat(decision).isEqualTo(new GuardDecision.Funded(Duration.ofHours(1), Money.parse("0.033334")));
    }

    @Example
    void aBalanceBelowTheNextMinuteStopsThePodsNow() {
        GuardDecision decision = EVERY_MINUTE.assess(Money.parse("0.033333"), HourlyRate.of(Money.parse("2.00")));

        assertThat(decision).isInstanceOf(GuardDecision.StopNow.class);
        GuardDecision.StopNow stop = (GuardDecision.StopNow) decision;
        assertThat(stop.neededForNextInterval()).isEqualTo(Money.parse("0.033334"));
        assertThat(stop.untilEmpty()).isEqualTo(Duration.ofNanos(59_999_400_000L));
    }

    @Example
    void anEmptyBalanceStopsAndNothingRunningNeverStops() {
        assertThat(EVERY_MINUTE.assess(Money.ZERO, HourlyRate.of(Money.parse("0.10"))))
                .isInstanceOf(GuardDecision.StopNow.class);
        assertThat(EVERY_MINUTE.assess(Money.ZERO, HourlyRate.FREE))
                .isEqualTo(new GuardDecision.NothingBurning(Money.ZERO));
    }

    @Example
    void aHugeBalanceLastsForeverRatherThanOverflowing() {
        GuardDecision decision = EVERY_MINUTE.assess(Money.ofMicros(Long.MAX_VALUE), HourlyRate.of(Money.ofMicros(1)));

        assertThat(((GuardDecision.Funded) decision).untilEmpty()).isEqualTo(java.time.temporal.ChronoUnit.FOREVER.getDuration());
    }

    @Example
    void badInputIsRefused() {
        assertThatThrownBy(() -> new BalanceGuard(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meteringInterval");
        assertThatThrownBy(() -> new BalanceGuard(Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EVERY_MINUTE.assess(Money.parse("-0.01"), HourlyRate.FREE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("balance");
    }

    /** When the guard lets pods run, a real meter's charge for the next interval is covered. */
    @Property
    void fundedMeansTheNextIntervalIsCoveredWhateverTheMeterCarried(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long balanceMicros,
            @ForAll @LongRange(min = 1, max = 100_000_000L) long burnMicrosPerHour,
            @ForAll @LongRange(min = 1, max = 3_600) long intervalSeconds,
            @ForAll @LongRange(min = 0, max = 3_599) long secondsAlreadyMetered) {
        BalanceGuard guard = new BalanceGuard(Duration.ofSeconds(intervalSeconds));
        HourlyRate burn = HourlyRate.of(Money.ofMicros(burnMicrosPerHour));
        // A meter that already ran a while carries a sub-micro-dollar remainder into the next interval.
        UsageMeter meter = UsageMeter.start(burn).tick(Duration.ofSeconds(secondsAlreadyMetered)
                .plusNanos(secondsAlreadyMetered * 7919)).meter();
        Money nextCharge = meter.tick(Duration.ofSeconds(intervalSeconds)).charge();

        GuardDecision decision = guard.assess(Money.ofMicros(balanceMicros), burn);

        if (decision instanceof GuardDecision.Funded funded) {
            assertThat(nextCharge).isLessThanOrEqualTo(Money.ofMicros(balanceMicros));
            assertThat(funded.untilEmpty()).isGreaterThanOrEqualTo(guard.meteringInterval());
        } else {
            assertThat(decision).isInstanceOf(GuardDecision.StopNow.class);
        }
    }

    /** The guard stops no earlier than needed: a balance one micro-dollar short of the bound is the first refused. */
    @Property
    void stopNowExactlyWhenTheBalanceIsBelowTheMostTheIntervalCanCost(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long balanceMicros,
            @ForAll @LongRange(min = 1, max = 100_000_000L) long burnMicrosPerHour,
            @ForAll @LongRange(min = 1, max = 86_400) long intervalSeconds) {
        BalanceGuard guard = new BalanceGuard(Duration.ofSeconds(intervalSeconds));
        HourlyRate burn = HourlyRate.of(Money.ofMicros(burnMicrosPerHour));
        Money bound = BalanceGuard.costAtMost(burn, guard.meteringInterval());

        GuardDecision decision = guard.assess(Money.ofMicros(balanceMicros), burn);

        assertThat(decision instanceof GuardDecision.StopNow).isEqualTo(balanceMicros < bound.micros());
        // ceil: the bound is the exact cost rounded up, never more than one micro-dollar above the rate's floor.
        Money floor = burn.forDuration(guard.meteringInterval());
        assertThat(bound.minus(floor).micros()).isBetween(0L, 1L);
    }

    /** How long the balance lasts is the balance divided by the burn, rounded down. */
    @Property
    void untilEmptyIsTheBalanceOverTheBurn(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long balanceMicros,
            @ForAll @LongRange(min = 1_000_000, max = 1_000_000_000L) long burnMicrosPerHour) {
        // (At least $1/h so that the span stays within what HourlyRate.forDuration accepts, ~292 years.)
        HourlyRate burn = HourlyRate.of(Money.ofMicros(burnMicrosPerHour));

        Duration lasts = BalanceGuard.untilEmpty(Money.ofMicros(balanceMicros), burn);

        assertThat(burn.forDuration(lasts).micros()).isLessThanOrEqualTo(balanceMicros);
        assertThat(burn.forDuration(lasts.plusNanos(1)).micros()).isGreaterThanOrEqualTo(balanceMicros);
    }
}
