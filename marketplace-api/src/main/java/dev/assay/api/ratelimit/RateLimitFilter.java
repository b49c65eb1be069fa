package dev.assay.api.ratelimit;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Callers;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;

/**
 * Takes a token from the caller's API-key bucket for every authenticated {@code /v1/**} request, and refuses
 * the request with 429 {@link ProblemType#RATE_LIMITED} when the bucket is empty ({@link RateLimitHeadersFilter}
 * adds {@code Retry-After} and the {@code X-RateLimit-*} headers on the way out).
 *
 * <p>Ordered right after authentication (it needs the {@link Caller}) and before idempotency, so a refused request
 * touches nothing. Requests without a caller (sign-up, public reads sent without a key, and everything outside
 * {@code /v1/**} such as health and the OpenAPI document) are not limited here: they have no key to count
 * against; shielding them is the load balancer's or ingress's per-address limit. Runs on the blocking executor
 * because the Redis limiter waits for Redis.
 */
@ServerFilter("/v1/**")
final class RateLimitFilter implements Ordered {

    /** The request attribute holding the {@link RateDecision} for the response headers. */
    static final String DECISION_ATTRIBUTE = "assay.rate-limit.decision";

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        // After Callers.FILTER_ORDER (authentication), before ServerFilterPhase.SECURITY.after() (idempotency).
        return Callers.FILTER_ORDER + 100;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void limit(HttpRequest<?> request) {
        Optional<Caller> caller = Callers.of(request);
        if (caller.isEmpty()) {
            return;
        }
        RateDecision decision = limiter.take(caller.get().apiKeyId());
        request.setAttribute(DECISION_ATTRIBUTE, decision);
        if (decision instanceof RateDecision.Refused refused) {
            RateLimit limit = limiter.limit();
            throw new ApiProblem(ProblemType.RATE_LIMITED, "this API key made more requests than its limit ("
                    + limit.describe() + "); retry after " + refused.retryAfterSeconds() + " s");
        }
    }
}
