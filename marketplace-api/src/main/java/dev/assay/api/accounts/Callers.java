package dev.assay.api.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;

/**
 * Where the authenticated {@link Caller} of a request lives, for code that cannot take {@code Caller} as a
 * controller parameter (other filters, public routes where authentication is optional).
 *
 * <p>The accounts filter runs on {@code /v1/**} at {@link #FILTER_ORDER}: a filter that needs the caller
 * (idempotency, rate limits) orders itself after it, e.g. {@code ServerFilterPhase.SECURITY.after()}.
 */
public final class Callers {

    /** The request attribute holding the {@link Caller}. */
    public static final String ATTRIBUTE = "assay.caller";

    /** The order of the authentication filter (runs before any filter ordered after the security phase). */
    public static final int FILTER_ORDER = ServerFilterPhase.SECURITY.order();

    private Callers() {}

    /**
     * The caller of {@code request}: present once the authentication filter accepted a key; empty on a
     * public route called without a key, and outside {@code /v1/**}.
     */
    public static Optional<Caller> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class);
    }
}
