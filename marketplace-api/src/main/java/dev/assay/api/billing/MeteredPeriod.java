package dev.assay.api.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * The pod and the half-open period {@code [from, to)} a metering transfer charges for.
 *
 * @param podId the pod metered
 * @param from  the first instant charged
 * @param to    the first instant not charged; after {@code from}
 */
public record MeteredPeriod(String podId, Instant from, Instant to) {

    /** @throws IllegalArgumentException if a part is missing or {@code to} is not after {@code from} */
    public MeteredPeriod {
        if (podId == null || podId.isBlank()) {
            throw new IllegalArgumentException("podId is required");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("period 'to' (" + to + ") must be after 'from' (" + from + ")");
        }
    }

    /** Whether the two periods share an instant (same pod or not). */
    public boolean overlaps(Instant otherFrom, Instant otherTo) {
        return from.isBefore(otherTo) && otherFrom.isBefore(to);
    }
}
