package dev.assay.matching.bidbook;

import dev.assay.pricing.Money;

/** Argument checks shared by the bid book's types, with messages that name the field. */
final class BookArguments {

    private BookArguments() {
    }

    static String requirePodId(String podId) {
        if (podId == null || podId.isBlank()) {
            throw new IllegalArgumentException("podId must not be blank");
        }
        return podId;
    }

    static Money requireNonNegative(Money amount, String field) {
        if (amount == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + amount.toDollarString());
        }
        return amount;
    }
}
