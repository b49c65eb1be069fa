package dev.assay.api.ratelimit;

import static dev.assay.api.testing.ApiAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis configured but unreachable (a closed port): authenticated requests still answer, unchecked (fail open),
 * and each one counts in {@code assay.ratelimit.unavailable}.
 */
@MicronautTest(transactional = false)
@Property(name = "redis.uri", value = "redis://127.0.0.1:1")
@Property(name = "assay.live.redis-timeout", value = "300ms")
@Property(name = "assay.rate-limit.burst", value = "1")
@Property(name = "assay.rate-limit.per-second", value = "0.001")
class RedisUnavailableRateLimitTest {

    @Inject
    EmbeddedServer server;

    @Inject
    RateLimiter limiter;

    @Inject
    MeterRegistry meters;

    @Test
    void withRedisUnreachableRequestsAreAllowedUncheckedAndCounted() {
        assertThat(limiter).isInstanceOf(RedisRateLimiter.class);
        ApiClient client = new ApiClient(server);
        HttpResponse<String> signUp = client.send("POST", "/v1/orgs", null, "{\"name\":\"Outage Labs\","
                + "\"owner_email\":\"owner-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        String key = json(signUp).path("api_key").path("key").asText();
        double before = unavailableCount();

        for (int i = 0; i < 3; i++) { // a burst of 1 would refuse the second one, were Redis there
            HttpResponse<String> me = client.send("GET", "/v1/orgs/me", key, null);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.headers().firstValue("X-RateLimit-Limit")).hasValue("1");
            assertThat(me.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }
        assertThat(unavailableCount() - before).isEqualTo(3.0);
        assertThat(limiter.take("key_direct")).isEqualTo(new RateDecision.Unchecked());
    }

    private double unavailableCount() {
        var counter = meters.find(RedisRateLimiter.UNAVAILABLE_COUNTER).counter();
        return counter == null ? 0 : counter.count();
    }
}
