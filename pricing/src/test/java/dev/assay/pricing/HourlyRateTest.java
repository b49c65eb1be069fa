package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HourlyRateTest {

    private static final HourlyRate FORTY_FIVE_CENTS = HourlyRate.of(Money.parse("0.45"));

    @Test
    void chargesTheFullRateForAnHour() {
        assertThat(FORTY_FIVE_CENTS.forDuration(Duration.ofHours(1))).isEqualTo(Money.parse("0.45"));
        assertThat(FORTY_FIVE_CENTS.forDuration(Duration.ofMinutes(30))).isEqualTo(Money.parse("0.225"));
    }

    @Test
    void roundsDownToAWholeMicroDollar() {
        // 0.45 $/h for one second = 450,000 / 3,600 = 125 micros exactly; for one millisecond 0.125 micros -> 0.
        assertThat(FORTY_FIVE_CENTS.forDuration(Duration.ofSeconds(1))).isEqualTo(Money.ofMicros(125));
        assertThat(FORTY_FIVE_CENTS.forDuration(Duration.ofMillis(1))).isEqualTo(Money.ZERO);
        // 1 $/h for 1 s = 277.77... micros -> 277.
        assertThat(HourlyRate.of(Money.ofDollars(1)).forDuration(Duration.ofSeconds(1))).isEqualTo(Money.ofMicros(277));
    }

    @Test
    void zeroDurationCostsNothing() {
        assertThat(FORTY_FIVE_CENTS.forDuration(Duration.ZERO)).isEqualTo(Money.ZERO);
    }

    @Test
    void largeProductsAreExactWithoutOverflow() {
        // 1,000,000 $/h for 100 years: micros × nanos is ~3e33, far past a long, but the charge fits.
        HourlyRate rate = HourlyRate.of(Money.ofDollars(1_000_000));
        Duration hundredYears = Duration.ofHours(24L * 365 * 100);
        assertThat(rate.forDuration(hundredYears)).isEqualTo(Money.ofDollars(1_000_000L * 24 * 365 * 100));
    }

    @Test
    void chargeThatDoesNotFitInMoneyThrows() {
        HourlyRate huge = HourlyRate.of(Money.ofMicros(Long.MAX_VALUE));
        assertThatThrownBy(() -> huge.forDuration(Duration.ofHours(2))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> HourlyRate.of(Money.ofMicros(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perHour");
        assertThatThrownBy(() -> HourlyRate.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FORTY_FIVE_CENTS.forDuration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> FORTY_FIVE_CENTS.forDuration(Duration.ofDays(365L * 300)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FORTY_FIVE_CENTS.times(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalesAndAdds() {
        assertThat(FORTY_FIVE_CENTS.times(4)).isEqualTo(HourlyRate.of(Money.parse("1.80")));
        assertThat(FORTY_FIVE_CENTS.plus(HourlyRate.of(Money.parse("0.05")))).isEqualTo(HourlyRate.of(Money.parse("0.50")));
        assertThat(FORTY_FIVE_CENTS).hasToString("$0.45/h");
    }

    @Property
    void chargeIsTheFloorOfTheExactProduct(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long microsPerHour,
                                           @ForAll @LongRange(min = 0, max = 10L * 365 * 24 * 3_600_000_000_000L) long nanos) {
        Money charge = HourlyRate.of(Money.ofMicros(microsPerHour)).forDuration(Duration.ofNanos(nanos));
        BigInteger exact = BigInteger.valueOf(microsPerHour).multiply(BigInteger.valueOf(nanos));
        BigInteger hour = BigInteger.valueOf(3_600_000_000_000L);
        assertThat(BigInteger.valueOf(charge.micros()).multiply(hour)).isLessThanOrEqualTo(exact);
        assertThat(BigInteger.valueOf(charge.micros() + 1).multiply(hour)).isGreaterThan(exact);
    }
}
