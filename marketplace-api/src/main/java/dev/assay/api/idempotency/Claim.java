package dev.assay.api.idempotency;

/** The outcome of presenting an Idempotency-Key: run the request, replay it, or refuse it. */
sealed interface Claim {

    /** The key is ours: run the handler, then {@link IdempotencyStore#complete} or {@link IdempotencyStore#release}. */
    record Acquired(String scope, String key, String lockToken) implements Claim {}

    /** The same request already completed: answer with its stored response. */
    record Replay(StoredResponse response) implements Claim {}

    /** The same key is held by a request still running. */
    record InFlight() implements Claim {}

    /** The key was used for a different request (method, path or body). */
    record Mismatch() implements Claim {}
}
