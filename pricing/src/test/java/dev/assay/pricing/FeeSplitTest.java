package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeeSplitTest {

    @Test
    void feeIsRoundedDownAndTheHostGetsTheRest() {
        // 15 % of 0.000007 = 1.05 micros -> fee 1, host 6.
        FeeSplit split = FeeSplit.of(Money.ofMicros(7), 1_500);
        assertThat(split.platformFee()).isEqualTo(Money.ofMicros(1));
        assertThat(split.hostShare()).isEqualTo(Money.ofMicros(6));
    }

    @Test
    void zeroAndFullFees() {
        assertThat(FeeSplit.of(Money.parse("10.00"), 0).hostShare()).isEqualTo(Money.parse("10.00"));
        assertThat(FeeSplit.of(Money.parse("10.00"), 10_000).platformFee()).isEqualTo(Money.parse("10.00"));
    }

    @Test
    void theLargestAmountDoesNotOverflow() {
        Money max = Money.ofMicros(Long.MAX_VALUE);
        FeeSplit split = FeeSplit.of(max, 9_999);
        assertThat(split.hostShare().plus(split.platformFee())).isEqualTo(max);
        // floor(MAX × 9999 / 10000), computed independently
        long expected = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(9_999))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
        assertThat(split.platformFee().micros()).isEqualTo(expected);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> FeeSplit.of(Money.ofMicros(-1), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gross");
        assertThatThrownBy(() -> FeeSplit.of(Money.ofDollars(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feeBasisPoints");
        assertThatThrownBy(() -> FeeSplit.of(Money.ofDollars(1), 10_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feeBasisPoints");
        assertThatThrownBy(() -> new FeeSplit(Money.ofMicros(10), Money.ofMicros(5), Money.ofMicros(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must equal gross");
    }

    @Property
    void aSplitConservesMoney(@ForAll @LongRange(min = 0) long grossMicros,
                              @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints) {
        FeeSplit split = FeeSplit.of(Money.ofMicros(grossMicros), feeBasisPoints);

        assertThat(split.hostShare().plus(split.platformFee())).isEqualTo(split.gross());
        assertThat(split.hostShare().isNegative()).isFalse();
        assertThat(split.platformFee().isNegative()).isFalse();
        // The fee is the floor of the exact fee: at most the exact value, less than one micro below it.
        BigInteger exactTimes10k = BigInteger.valueOf(grossMicros).multiply(BigInteger.valueOf(feeBasisPoints));
        BigInteger feeTimes10k = BigInteger.valueOf(split.platformFee().micros()).multiply(BigInteger.valueOf(10_000));
        assertThat(feeTimes10k).isLessThanOrEqualTo(exactTimes10k);
        assertThat(feeTimes10k.add(BigInteger.valueOf(10_000))).isGreaterThan(exactTimes10k);
    }
}
