package dev.assay.api.metering;

import dev.assay.pricing.Money;
import java.time.Instant;
import java.util.List;

/**
 * What one {@link Metering#meterAll()} pass did.
 *
 * @param until          the instant every running pod was charged up to
 * @param podsMetered    running pods charged (or found already charged) up to {@code until}
 * @param podsUnfunded   running pods whose renter could not pay a period
 * @param racesLost      pods another meter or a transition changed first (they were left to it)
 * @param podsFailed     pods whose metering failed (logged; left to the next pass)
 * @param charged        what the pass charged renters in all
 * @param stoppedForBalance pods the balance guard asked the lifecycle to stop
 * @param superseded     the pass stopped because another instance leads metering now (its fencing token is
 *                       newer); the pods before that were metered, the rest and the balance guard left to it
 */
public record MeteringPass(Instant until, int podsMetered, int podsUnfunded, int racesLost, int podsFailed,
        Money charged,
        List<String> stoppedForBalance, boolean superseded) {

    public MeteringPass {
        stoppedForBalance = List.copyOf(stoppedForBalance);
    }
}
