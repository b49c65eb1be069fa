package dev.assay.api.ratelimit;

import static dev.assay.api.testing.ApiAnswers.assertProblem;
import static dev.assay.api.testing.ApiAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.ApiClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limit through HTTP: burst 3, one token a second, the in-process limiter on a clock that stands still. */
@MicronautTest(transactional = false)
@Property(name = "assay.rate-limit.burst", value = "3")
@Property(name = "assay.rate-limit.per-second", value = "1")
@Property(name = "test.movable-rate-limit-clock", value = "true")
class RateLimitApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    MovableRateLimitClock clock;

    private ApiClient client;

    @BeforeEach
    void client() {
        client = new ApiClient(server);
    }

    @Test
    void theFourthRequestOfABurstOfThreeIs429WithRetryAfterAndOtherKeysGoOn() {
        String renter = signUp();
        String other = signUp();

        for (long remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> ok = client.send("GET", "/v1/orgs/me", renter, null);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Long.toString(remaining));
            assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
        }

        HttpResponse<String> refused = client.send("GET", "/v1/orgs/me", renter, null);

        assertProblem(refused, 429, "rate-limited");
        assertThat(json(refused).path("detail").asText()).contains("3 at once, then 1 per second", "retry after 1 s");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");

        HttpResponse<String> otherKey = client.send("GET", "/v1/orgs/me", other, null);
        assertThat(otherKey.statusCode()).as(otherKey.body()).isEqualTo(200);
        assertThat(otherKey.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> again = client.send("GET", "/v1/orgs/me", renter, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    }

    @Test
    void aRefusedWriteChangesNothing() {
        String renter = signUp();
        for (int i = 0; i < 3; i++) {
            client.send("GET", "/v1/api-keys", renter, null);
        }

        HttpResponse<String> refused = client.send("POST", "/v1/api-keys", renter,
                "{\"name\":\"ci\",\"role\":\"member\",\"scopes\":[\"read\"]}");

        assertProblem(refused, 429, "rate-limited");
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> keys = client.send("GET", "/v1/api-keys", renter, null);
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
        assertThat(keys.body()).doesNotContain("\"ci\"");
    }

    @Test
    void anErrorAnswerToAnAuthenticatedRequestCarriesTheHeadersToo() {
        String renter = signUp();

        HttpResponse<String> invalid = client.send("POST", "/v1/api-keys", renter, "{\"name\":\"\"}");

        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(invalid.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void requestsWithoutAKeyAreNotLimitedByKey() {
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> version = client.send("GET", "/v1/version", null, null);
            assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
            assertThat(version.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }
        HttpResponse<String> unknownKey = client.send("GET", "/v1/orgs/me", "assay_key_not_a_real_one", null);
        assertProblem(unknownKey, 401, "unauthenticated");
        assertThat(unknownKey.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    /** Sign-up is public, so it is not limited by key: each call makes a new organisation and owner key. */
    private String signUp() {
        HttpResponse<String> response = client.send("POST", "/v1/orgs", null, "{\"name\":\"Throttle Labs\","
                + "\"owner_email\":\"owner-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("api_key").path("key").asText();
    }
}
