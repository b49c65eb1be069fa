package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void dividesThePodsTotalsByItsAllInDollarsPerHour() {
        Value value = Value.of(120.0, 2, Money.parse("0.80"), 165.0, 1008.0, 24.0);

        assertThat(value.scorePerDollarHour()).isCloseTo(300.0, within(1e-9));
        assertThat(value.tflopsPerDollarHour()).isCloseTo(412.5, within(1e-9));
        assertThat(value.memBandwidthGbpsPerDollarHour()).isCloseTo(2520.0, within(1e-9));
        assertThat(value.vramGbPerDollarHour()).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void rejectsAFreeOrNegativePrice() {
        assertThatThrownBy(() -> Value.of(100, 1, Money.ZERO, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allInPerHour");
        assertThatThrownBy(() -> Value.of(100, 1, Money.ofMicros(-1), 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Value.of(100, 1, null, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsFiguresThatAreNotFiniteAndNonNegative() {
        Money price = Money.ofDollars(1);
        assertThatThrownBy(() -> Value.of(Double.NaN, 1, price, 1, 1, 1)).hasMessageContaining("assayScorePerGpu");
        assertThatThrownBy(() -> Value.of(1, 1, price, -1, 1, 1)).hasMessageContaining("tflopsBf16PerGpu");
        assertThatThrownBy(() -> Value.of(1, 1, price, 1, Double.POSITIVE_INFINITY, 1)).hasMessageContaining("memBandwidthGbpsPerGpu");
        assertThatThrownBy(() -> Value.of(1, 1, price, 1, 1, -0.5)).hasMessageContaining("vramGbPerGpu");
        assertThatThrownBy(() -> Value.of(1, 0, price, 1, 1, 1)).hasMessageContaining("gpus");
    }

    /** Same GPUs, lower price: more value. Twice the GPUs at twice the price: the same value. */
    @Property
    void valueFallsAsPriceRisesAndScalesWithGpus(@ForAll @LongRange(min = 1, max = 100_000_000) long micros,
                                                 @ForAll @IntRange(min = 1, max = 32) int gpus) {
        Value cheaper = Value.of(100, gpus, Money.ofMicros(micros), 50, 500, 24);
        Value dearer = Value.of(100, gpus, Money.ofMicros(micros + 1), 50, 500, 24);
        Value doubled = Value.of(100, gpus * 2, Money.ofMicros(micros * 2), 50, 500, 24);

        assertThat(cheaper.scorePerDollarHour()).isGreaterThan(dearer.scorePerDollarHour());
        assertThat(doubled.scorePerDollarHour()).isCloseTo(cheaper.scorePerDollarHour(), within(cheaper.scorePerDollarHour() * 1e-12));
    }
}
