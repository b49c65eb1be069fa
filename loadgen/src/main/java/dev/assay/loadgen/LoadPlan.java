package dev.assay.loadgen;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a load run is asked to do, and its bounds: every part stops at {@code deadline} or once it has made
 * {@code maxOperations} requests of its own kind, whichever comes first.
 *
 * @param api          the marketplace's REST base (loopback)
 * @param grpcTarget   the marketplace's agent port, {@code host:port} (loopback)
 * @param agents       how many SIMULATED agents connect over gRPC (0: none)
 * @param renters      how many SIMULATED renters use REST (0: none)
 * @param duration     how long the load lasts once every part is ready
 * @param maxOperations the most requests one part makes (Long.MAX_VALUE: bounded by time only)
 * @param ownerKey     an API key with the hosts scope for the agents' enrollment tokens, if given (else the run
 *                     signs up an organisation of its own)
 * @param operatorKey  the marketplace's operator key, to credit the renters' organisations, if given
 * @param seed         the seed of every random choice, so two runs make the same requests
 */
public record LoadPlan(URI api, String grpcTarget, int agents, int renters, Duration duration, long maxOperations,
        Optional<String> ownerKey, Optional<String> operatorKey, long seed) {

    public LoadPlan {
        if (agents < 0 || renters < 0) {
            throw new IllegalArgumentException("--agents and --renters must be 0 or more");
        }
        if (agents == 0 && renters == 0) {
            throw new IllegalArgumentException("nothing to do: give --agents and/or --renters");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--seconds must be at least 1");
        }
        if (maxOperations < 1) {
            throw new IllegalArgumentException("--max-requests must be at least 1");
        }
    }

    /** When the load stops, counted from {@code start}. */
    public Instant deadline(Instant start) {
        return start.plus(duration);
    }
}
