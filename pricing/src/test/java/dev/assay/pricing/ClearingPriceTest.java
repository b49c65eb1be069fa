package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ClearingPriceTest {

    private static final Money MINIMUM = Money.parse("0.20");

    @Test
    void withNobodyWaitingThePriceIsTheMinimumBid() {
        assertThat(ClearingPrice.forHost(MINIMUM, Optional.empty()).perGpuHour()).isEqualTo(MINIMUM);
    }

    @Test
    void aHigherWaitingBidRaisesThePrice() {
        assertThat(ClearingPrice.forHost(MINIMUM, Optional.of(Money.parse("0.31"))).perGpuHour())
                .isEqualTo(Money.parse("0.31"));
    }

    @Test
    void aWaitingBidBelowTheMinimumDoesNotLowerThePrice() {
        assertThat(ClearingPrice.forHost(MINIMUM, Optional.of(Money.parse("0.10"))).perGpuHour()).isEqualTo(MINIMUM);
    }

    @Test
    void aPodNeverPaysMoreThanItsOwnBid() {
        ClearingPrice price = ClearingPrice.forHost(MINIMUM, Optional.of(Money.parse("0.31")));
        assertThat(price.payableBy(Money.parse("0.50"))).isEqualTo(Money.parse("0.31"));
        assertThat(price.payableBy(Money.parse("0.25"))).isEqualTo(Money.parse("0.25"));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ClearingPrice.forHost(Money.ofMicros(-1), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumBidPerGpuHour");
        assertThatThrownBy(() -> ClearingPrice.forHost(MINIMUM, Optional.of(Money.ofMicros(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highestWaitingBidPerGpuHour");
        assertThatThrownBy(() -> ClearingPrice.forHost(MINIMUM, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClearingPrice.forHost(null, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClearingPrice(Money.ofMicros(-1))).isInstanceOf(IllegalArgumentException.class);
        ClearingPrice price = ClearingPrice.forHost(MINIMUM, Optional.empty());
        assertThatThrownBy(() -> price.payableBy(Money.ofMicros(-5))).isInstanceOf(IllegalArgumentException.class);
    }

    /** The rule's two bounds: a running pod (own bid ≥ minimum) pays at most its bid and at least the minimum. */
    @Property
    void payableIsBetweenTheMinimumBidAndTheOwnBid(
            @ForAll @LongRange(min = 0, max = 100_000_000) long minimumMicros,
            @ForAll @LongRange(min = 0, max = 100_000_000) long bidAboveMinimumMicros,
            @ForAll Optional<@LongRange(min = 0, max = 200_000_000) Long> waitingMicros) {
        Money minimum = Money.ofMicros(minimumMicros);
        Money ownBid = Money.ofMicros(minimumMicros + bidAboveMinimumMicros);
        ClearingPrice price = ClearingPrice.forHost(minimum, waitingMicros.map(Money::ofMicros));

        Money payable = price.payableBy(ownBid);

        assertThat(payable).isLessThanOrEqualTo(ownBid).isGreaterThanOrEqualTo(minimum);
        assertThat(price.perGpuHour()).isGreaterThanOrEqualTo(minimum);
        waitingMicros.ifPresent(w -> assertThat(price.perGpuHour().micros()).isGreaterThanOrEqualTo(w));
    }

    @Property
    void theClearingPriceIsOneOfItsInputs(@ForAll @LongRange(min = 0, max = 100_000_000) long minimumMicros,
                                          @ForAll @LongRange(min = 0, max = 100_000_000) long waitingMicros) {
        Money price = ClearingPrice.forHost(Money.ofMicros(minimumMicros), Optional.of(Money.ofMicros(waitingMicros)))
                .perGpuHour();
        assertThat(price.micros()).isEqualTo(Math.max(minimumMicros, waitingMicros));
    }
}
