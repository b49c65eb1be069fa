package dev.assay.api.problem;

import dev.assay.pricing.Money;
import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Query and body values that arrive as text (limits, instants, dollars), read the same way on every endpoint:
 * a bad value becomes a per-field error of a 400 {@code validation} problem, never an exception further in.
 */
public final class RequestValues {

    /** Instants a user may name: the market did not exist before, and no database keeps later ones. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RequestValues() {}

    /**
     * A page size: {@code fallback} when absent, else a whole number from 1 to {@code max}.
     *
     * @throws ApiProblem a validation problem naming {@code limit}
     */
    public static int limit(@Nullable String text, int fallback, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String message = "must be a whole number from 1 to " + max + ", was '" + abbreviate(text) + "'";
        throw new ApiProblem(ProblemType.VALIDATION, "limit " + message, Map.of("limit", message));
    }

    /** An ISO-8601 instant between {@link #EARLIEST} and {@link #LATEST}; empty when absent or wrong (then noted). */
    public static Optional<Instant> instant(String field, @Nullable String text, Map<String, String> errors) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                errors.put(field, "must be between " + EARLIEST + " and " + LATEST + ", was " + abbreviate(text));
                return Optional.empty();
            }
            return Optional.of(at);
        } catch (DateTimeException e) {
            errors.put(field, "an ISO-8601 instant such as 2026-12-31T00:00:00Z, was '" + abbreviate(text) + "'");
            return Optional.empty();
        }
    }

    /** Dollars as a decimal string; null when absent or wrong (then noted). */
    public static @Nullable Money money(String field, @Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, "required: dollars as a decimal string, e.g. \"0.45\"");
            return null;
        }
        try {
            return Money.parse(text.strip());
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.put(field, "not an amount of dollars: '" + abbreviate(text) + "'");
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
