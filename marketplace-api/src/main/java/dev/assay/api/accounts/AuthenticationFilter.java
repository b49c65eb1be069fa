package dev.assay.api.accounts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteMatch;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <key>} into a {@link Caller} for every routed {@code /v1/**} request
 * and stores it under {@link Callers#ATTRIBUTE}.
 *
 * <ul>
 *   <li>A protected route without a key, or any route with a key that is malformed, unknown or revoked,
 *       answers 401 problem+json ({@link BearerChallengeFilter} adds {@code WWW-Authenticate: Bearer}).</li>
 *   <li>A public route ({@link PublicRoutes}) without a key goes on with no caller.</li>
 *   <li>A request that matches no route is left alone, so it gets its honest 404 or 405.</li>
 * </ul>
 * The key lookup touches the database, so the filter runs on the blocking executor, never the event loop.
 */
@ServerFilter("/v1/**")
final class AuthenticationFilter implements Ordered {

    private static final String BEARER = "Bearer ";
    /** Keys are about 90 characters and operator keys are bounded too: anything longer is not a key. */
    private static final int MAX_CREDENTIAL_CHARS = 512;

    private final ApiKeyAuthenticator authenticator;

    AuthenticationFilter(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public int getOrder() {
        return Callers.FILTER_ORDER;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void authenticate(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        if (route == null) {
            return;
        }
        Optional<String> header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header.isEmpty()) {
            if (PublicRoutes.isPublic(request.getMethod(), request.getPath())) {
                return;
            }
            throw unauthenticated("this request needs an API key: send 'Authorization: Bearer <key>'");
        }
        String credential = bearerCredential(header.get());
        Caller caller = authenticator.authenticate(credential)
                .orElseThrow(() -> unauthenticated("the API key is not valid: unknown, malformed or revoked"));
        request.setAttribute(Callers.ATTRIBUTE, caller);
    }

    private static String bearerCredential(String header) {
        if (header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthenticated("the Authorization header must be 'Bearer <key>'");
        }
        String credential = header.substring(BEARER.length()).strip();
        if (credential.isEmpty() || credential.length() > MAX_CREDENTIAL_CHARS) {
            throw unauthenticated("the API key is not valid: unknown, malformed or revoked");
        }
        return credential;
    }

    private static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(ProblemType.UNAUTHENTICATED, detail);
    }
}
