package dev.assay.api.json;

import dev.assay.pricing.Money;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * Money in every JSON answer: never a float, but the exact decimal dollars as a string ({@code "12.500000"},
 * always six decimals) and the whole micro-dollars.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record MoneyView(String dollars, long micros) {

    public static MoneyView of(Money money) {
        return new MoneyView(money.toDollars().toPlainString(), money.micros());
    }
}
