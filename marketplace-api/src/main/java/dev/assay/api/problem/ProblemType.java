package dev.assay.api.problem;

import java.util.Locale;

/**
 * The closed set of problems the API answers with, each with a stable {@code type} URI
 * ({@code https://assay.dev/problems/<slug>}), its HTTP status and a short human title (RFC 9457).
 *
 * <p>The URIs are part of the public contract: clients branch on them, so a constant may be added but its
 * slug never changes. {@code docs/api-errors.md} lists them with when each is answered.
 */
public enum ProblemType {
    /** A field or parameter has a value outside what the endpoint accepts; {@code errors} names the fields. */
    VALIDATION(400, "Validation failed"),
    /** The body is not readable as the expected JSON: syntax error, wrong type, unknown enum constant. */
    MALFORMED_REQUEST(400, "Malformed request"),
    /** No API key, or one that is unknown, malformed or revoked. */
    UNAUTHENTICATED(401, "Authentication required"),
    /** The caller is known but its key lacks the scope, role or ownership this needs. */
    FORBIDDEN(403, "Forbidden"),
    /** No such resource (or route) for this caller. */
    NOT_FOUND(404, "Not found"),
    /** The route exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** The request conflicts with the resource's current state, or the same Idempotency-Key is in flight. */
    CONFLICT(409, "Conflict"),
    /**
     * No host can take the pod now; {@code eliminated_by} says how many hosts each placement rule (gpu-model,
     * gpu-count, price...) ruled out, and {@code detail} says it in words.
     */
    NO_CAPACITY(409, "No capacity"),
    /** The Idempotency-Key was already used for a different request. */
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    /** The request body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** The body's Content-Type is not one this endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** The organisation's balance does not cover what was asked. */
    INSUFFICIENT_BALANCE(402, "Insufficient balance"),
    /** Too many requests: retry after the time the {@code Retry-After} header gives. */
    RATE_LIMITED(429, "Too many requests"),
    /** An unexpected failure on our side; {@code detail} carries a correlation id, never internals. */
    INTERNAL(500, "Internal error"),
    /** A dependency is down or the service is shedding load: retry later. */
    UNAVAILABLE(503, "Service unavailable");

    /** Every type URI starts with this. */
    public static final String URI_PREFIX = "https://assay.dev/problems/";

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
        this.uri = URI_PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The HTTP status code answered with this problem. */
    public int status() {
        return status;
    }

    /** The stable {@code type} URI, e.g. {@code https://assay.dev/problems/not-found}. */
    public String uri() {
        return uri;
    }

    /** A short summary that does not change from occurrence to occurrence. */
    public String title() {
        return title;
    }
}
