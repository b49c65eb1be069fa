package dev.assay.matching.inventory;

import dev.assay.pricing.Money;

/** Argument checks shared by the inventory records; each message names the field. */
final class Checks {

    private Checks() {}

    static void requireNonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static void requireNonNegative(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
        }
    }

    static void requireNonNegative(Money value, String field) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be a non-negative amount, got " + value);
        }
    }

    static void requireFraction(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be within [0, 1], got " + value);
        }
    }
}
