package dev.assay.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({
            "12.5, 12500000",
            "-0.000001, -1",
            "$3.20, 3200000",
            "-$3.20, -3200000",
            "0, 0",
            " 1.25 , 1250000",
            "9223372036854.775807, 9223372036854775807",
    })
    void parsesDecimalDollars(String text, long micros) {
        assertThat(Money.parse(text).micros()).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "1.0000001", "$", "1,50", "9223372036854.775808", "1e-7"})
    void rejectsTextThatIsNotAnExactAmount(String text) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Money.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWithAtLeastTwoDecimals() {
        assertThat(Money.ofMicros(1_500_000)).hasToString("1.50");
        assertThat(Money.ofMicros(125)).hasToString("0.000125");
        assertThat(Money.ofDollars(-3)).hasToString("-3.00");
        assertThat(Money.ofMicros(1_500_000).toDollarString()).isEqualTo("$1.50");
        assertThat(Money.ofDollars(-3).toDollarString()).isEqualTo("-$3.00");
        assertThat(Money.ofMicros(Long.MIN_VALUE).toDollarString()).isEqualTo("-$9223372036854.775808");
    }

    @Property
    void formatThenParseIsTheSameAmount(@ForAll long micros) {
        Money money = Money.ofMicros(micros);
        assertThat(Money.parse(money.toString())).isEqualTo(money);
        assertThat(Money.parse(money.toDollarString())).isEqualTo(money);
    }

    @Test
    void arithmeticThatWouldOverflowThrows() {
        Money max = Money.ofMicros(Long.MAX_VALUE);
        assertThatThrownBy(() -> max.plus(Money.ofMicros(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMicros(Long.MIN_VALUE).minus(Money.ofMicros(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMicros(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofDollars(Long.MAX_VALUE / 1_000_000 + 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.sum(List.of(max, Money.ofMicros(1)))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void sumsExactly() {
        assertThat(Money.sum(List.of())).isEqualTo(Money.ZERO);
        assertThat(Money.sum(List.of(Money.parse("0.10"), Money.parse("0.20"), Money.parse("-0.05"))))
                .isEqualTo(Money.parse("0.25"));
    }

    @Test
    void comparesAndPicksByAmount() {
        Money small = Money.parse("0.30");
        Money large = Money.parse("0.45");
        assertThat(small).isLessThan(large);
        assertThat(small.max(large)).isEqualTo(large);
        assertThat(small.min(large)).isEqualTo(small);
        assertThat(Money.ofDollars(2).toDollars()).isEqualByComparingTo("2");
        assertThat(Money.ofMicros(-1).isNegative()).isTrue();
        assertThat(Money.ZERO.isZero()).isTrue();
        assertThat(Money.ofMicros(1).isPositive()).isTrue();
    }
}
