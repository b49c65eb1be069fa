package dev.assay.api.ratelimit;

import dev.assay.api.accounts.Callers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Puts the caller's rate-limit state on every answer to a limited request, whatever its status:
 * {@code X-RateLimit-Limit} (the burst), {@code X-RateLimit-Remaining} (whole tokens left; left out when Redis
 * was unavailable and the request went through unchecked) and, on a 429, {@code Retry-After} in whole seconds.
 *
 * <p>A filter of its own, ordered outside authentication and {@link RateLimitFilter}, because a filter whose
 * request part threw (the 429) does not run its own response part: this one wraps it and sees the answer.
 */
@ServerFilter("/v1/**")
final class RateLimitHeadersFilter implements Ordered {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";

    private final RateLimit limit;

    RateLimitHeadersFilter(RateLimit limit) {
        this.limit = limit;
    }

    @Override
    public int getOrder() {
        return Callers.FILTER_ORDER - 2;
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(RateLimitFilter.DECISION_ATTRIBUTE, RateDecision.class).ifPresent(decision -> {
            response.header(LIMIT, Long.toString(limit.burst()));
            switch (decision) {
                case RateDecision.Allowed allowed -> response.header(REMAINING, Long.toString(allowed.remaining()));
                case RateDecision.Refused refused -> {
                    response.header(REMAINING, "0");
                    response.header(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
                }
                case RateDecision.Unchecked unchecked -> { }
            }
        });
    }
}
