package dev.assay.api.live;

/**
 * Redis, the live state, cannot be reached now (down, slow, or its circuit breaker open). Whatever needed it fails
 * fast with this; the REST layer answers 503 problem+json with {@code Retry-After}. Reads that do not need live
 * state never see it.
 */
public final class LiveStateUnavailable extends RuntimeException {

    public LiveStateUnavailable(String what, Throwable cause) {
        super("live state (Redis) is unavailable for " + what + ": " + cause.getMessage(), cause);
    }
}
