package dev.assay.reputation.reliability;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time in which the marketplace saw a host in one state. Intervals are half-open
 * {@code [start, end)}; a host's intervals must not overlap. Time nobody observed (before enrolment,
 * gaps) is simply not in the history and counts neither way.
 *
 * @throws IllegalArgumentException if a field is missing or {@code end} is not after {@code start}
 */
public record ObservedInterval(Instant start, Instant end, HostAvailability availability) {

    public ObservedInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(availability, "availability");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start, was start=" + start + " end=" + end);
        }
    }
}
