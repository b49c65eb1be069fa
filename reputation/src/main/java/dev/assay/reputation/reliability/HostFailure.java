package dev.assay.reputation.reliability;

import java.time.Instant;
import java.util.Objects;

/**
 * A pod that failed because of its host (lost GPU, host crash, disk gone), not because of the renter's
 * code. The caller decides what is host-caused; only those failures are passed to the model.
 *
 * @param at when the failure happened
 * @param reason a short description for the console, e.g. "GPU fell off the bus (Xid 79)"
 */
public record HostFailure(Instant at, String reason) {

    public HostFailure {
        Objects.requireNonNull(at, "at");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }
}
