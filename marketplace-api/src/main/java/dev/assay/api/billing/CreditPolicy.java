package dev.assay.api.billing;

import dev.assay.pricing.Money;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/**
 * The most one credit may grant, from configuration {@code assay.billing.max-credit-dollars} (default
 * {@value #DEFAULT_MAX_CREDIT_DOLLARS}): a typo in an operator's request (an extra zero or two) is refused
 * rather than granted.
 */
@Singleton
class CreditPolicy {

    static final String DEFAULT_MAX_CREDIT_DOLLARS = "10000";

    private final Money maxCredit;

    CreditPolicy(@Value("${assay.billing.max-credit-dollars:" + DEFAULT_MAX_CREDIT_DOLLARS + "}") String configured) {
        try {
            this.maxCredit = Money.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("assay.billing.max-credit-dollars: " + e.getMessage());
        }
        if (!maxCredit.isPositive()) {
            throw new ConfigurationException("assay.billing.max-credit-dollars must be positive, was " + configured);
        }
    }

    Money maxCredit() {
        return maxCredit;
    }
}
