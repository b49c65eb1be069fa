package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

    private static final HourlyRate ONE_DOLLAR = HourlyRate.of(Money.ofDollars(1));

    @Test
    void aMillionOneSecondTicksBillWhatOneLongTickBills() {
        UsageMeter meter = UsageMeter.start(ONE_DOLLAR);
        long sum = 0;
        for (int i = 0; i < 1_000_000; i++) {
            UsageMeter.Tick tick = meter.tick(Duration.ofSeconds(1));
            sum += tick.charge().micros();
            meter = tick.meter();
        }
        Money oneLongTick = UsageMeter.start(ONE_DOLLAR).tick(Duration.ofSeconds(1_000_000)).charge();

        assertThat(oneLongTick).isEqualTo(Money.parse("277.777777"));
        assertThat(Money.ofMicros(sum)).isEqualTo(oneLongTick);
        assertThat(meter.state().charged()).isEqualTo(oneLongTick);
        assertThat(meter.state().metered()).isEqualTo(Duration.ofSeconds(1_000_000));
        // 1,000,000 s × 1,000,000 micros/h = 277,777,777 + 7/9 micro-dollars: 7/9 of a micro is carried.
        assertThat(meter.state().carriedRemainder()).isEqualTo(2_800_000_000_000L);
    }

    @Test
    void carriesTheFractionIntoTheNextTick() {
        UsageMeter.Tick first = UsageMeter.start(ONE_DOLLAR).tick(Duration.ofSeconds(1)); // 277.77... micros
        UsageMeter.Tick second = first.meter().tick(Duration.ofSeconds(1));              // 277.77... + 0.77...
        UsageMeter.Tick third = second.meter().tick(Duration.ofSeconds(1));

        assertThat(first.charge()).isEqualTo(Money.ofMicros(277));
        assertThat(second.charge()).isEqualTo(Money.ofMicros(278));
        assertThat(third.charge()).isEqualTo(Money.ofMicros(278));
        assertThat(third.meter().state().charged()).isEqualTo(Money.ofMicros(833)); // floor(3 × 277.77...)
    }

    @Test
    void aStoredStateResumesExactly() {
        UsageMeter before = UsageMeter.start(ONE_DOLLAR).tick(Duration.ofMillis(1_700)).meter();
        MeterState stored = new MeterState(before.state().carriedRemainder(), before.state().metered(), before.state().charged());

        UsageMeter resumed = UsageMeter.resume(ONE_DOLLAR, stored);

        assertThat(resumed.tick(Duration.ofMillis(1_300))).isEqualTo(before.tick(Duration.ofMillis(1_300)));
        assertThat(resumed.tick(Duration.ofMillis(1_300)).meter().state().charged())
                .isEqualTo(ONE_DOLLAR.forDuration(Duration.ofSeconds(3)));
    }

    @Test
    void aRateChangeKeepsTheCarriedFraction() {
        // 0.5 s at $1/h = 138.88... micros, then 0.5 s at $2/h = 277.77...: together exactly 416.66... -> 416.
        UsageMeter.Tick first = UsageMeter.start(ONE_DOLLAR).tick(Duration.ofMillis(500));
        UsageMeter.Tick second = first.meter().withRate(HourlyRate.of(Money.ofDollars(2))).tick(Duration.ofMillis(500));

        assertThat(first.charge().plus(second.charge())).isEqualTo(Money.ofMicros(416));
    }

    @Test
    void aZeroTickOrAFreeRateChargesNothing() {
        assertThat(UsageMeter.start(ONE_DOLLAR).tick(Duration.ZERO).charge()).isEqualTo(Money.ZERO);
        assertThat(UsageMeter.start(HourlyRate.FREE).tick(Duration.ofDays(3)).charge()).isEqualTo(Money.ZERO);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> UsageMeter.start(ONE_DOLLAR).tick(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elapsed");
        assertThatThrownBy(() -> UsageMeter.start(ONE_DOLLAR).tick(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageMeter.start(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageMeter.resume(ONE_DOLLAR, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MeterState(-1, Duration.ZERO, Money.ZERO)).hasMessageContaining("carriedRemainder");
        assertThatThrownBy(() -> new MeterState(3_600_000_000_000L, Duration.ZERO, Money.ZERO)).hasMessageContaining("carriedRemainder");
        assertThatThrownBy(() -> new MeterState(0, Duration.ofSeconds(-1), Money.ZERO)).hasMessageContaining("metered");
        assertThatThrownBy(() -> new MeterState(0, Duration.ZERO, Money.ofMicros(-1))).hasMessageContaining("charged");
    }

    /** The rule: however time is cut into ticks, the ticks' charges add up to one charge over the whole time. */
    @Property
    void theSumOfTickChargesEqualsOneChargeOverTheWholeTime(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long microsPerHour,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 3_600_000_000_000_000L) Long> tickNanos) {
        HourlyRate rate = HourlyRate.of(Money.ofMicros(microsPerHour));
        UsageMeter meter = UsageMeter.start(rate);
        Money sum = Money.ZERO;
        long totalNanos = 0;
        for (long nanos : tickNanos) {
            UsageMeter.Tick tick = meter.tick(Duration.ofNanos(nanos));
            sum = sum.plus(tick.charge());
            meter = tick.meter();
            totalNanos += nanos;
        }

        assertThat(sum).isEqualTo(rate.forDuration(Duration.ofNanos(totalNanos)));
        assertThat(meter.state().charged()).isEqualTo(sum);
        assertThat(meter.state().metered()).isEqualTo(Duration.ofNanos(totalNanos));
    }

    /** With rate changes the total is the floor of the exact sum of rate × time over all ticks. */
    @Property
    void withRateChangesTheTotalIsTheFloorOfTheExactSum(
            @ForAll @Size(max = 100) List<@IntRange(min = 0, max = 50_000_000) Integer> microsPerHourByTick,
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long nanosPerTick) {
        UsageMeter meter = UsageMeter.start(HourlyRate.FREE);
        BigInteger exact = BigInteger.ZERO;
        for (int micros : microsPerHourByTick) {
            meter = meter.withRate(HourlyRate.of(Money.ofMicros(micros))).tick(Duration.ofNanos(nanosPerTick)).meter();
            exact = exact.add(BigInteger.valueOf(micros).multiply(BigInteger.valueOf(nanosPerTick)));
        }
        BigInteger[] expected = exact.divideAndRemainder(BigInteger.valueOf(3_600_000_000_000L));

        assertThat(meter.state().charged().micros()).isEqualTo(expected[0].longValueExact());
        assertThat(meter.state().carriedRemainder()).isEqualTo(expected[1].longValueExact());
    }
}
