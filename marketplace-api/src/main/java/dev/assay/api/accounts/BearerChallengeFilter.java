package dev.assay.api.accounts;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Adds {@code WWW-Authenticate: Bearer realm="assay"} to every 401 under {@code /v1/**}, as RFC 9110 asks.
 * A filter of its own, ordered before {@link AuthenticationFilter}, because a filter whose request part threw
 * does not run its own response part: this one wraps it and sees the 401 on the way out.
 */
@ServerFilter("/v1/**")
final class BearerChallengeFilter implements Ordered {

    static final String CHALLENGE = "Bearer realm=\"assay\"";

    @Override
    public int getOrder() {
        return Callers.FILTER_ORDER - 1;
    }

    @ResponseFilter
    void challenge(MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.UNAUTHORIZED
                && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
    }
}
