package dev.assay.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.problem.ProblemType;
import dev.assay.api.testing.ApiClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key guarantee, end to end through the HTTP server and the database. */
@MicronautTest
@Property(name = "idem-probe.enabled", value = "true")
@Property(name = "assay.operator-key", value = IdempotencyKeyTest.OPERATOR_KEY)
class IdempotencyKeyTest {

    static final String OPERATOR_KEY = "idempotency-test-operator-key-0123456789";

    @Inject
    EmbeddedServer server;
    @Inject
    IdempotencyProbeController.Probe probe;
    @Inject
    MovableIdempotencyClock clock;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void reset() {
        probe.reset();
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheStoredResponseWithoutRunningTheHandlerAgain() {
        String key = newKey();

        HttpResponse<String> first = send(post("/v1/idem-probe/things", key, "{\"name\":\"a\"}"));
        HttpResponse<String> second = send(post("/v1/idem-probe/things", key, "{\"name\":\"a\"}"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body()).isEqualTo("{\"id\":1,\"name\":\"a\"}");
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"))
                .hasValue("/v1/idem-probe/things/1");
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(probe.calls.get()).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        send(post("/v1/idem-probe/things", null, "{\"name\":\"a\"}"));
        send(post("/v1/idem-probe/things", null, "{\"name\":\"a\"}"));

        assertThat(probe.calls.get()).isEqualTo(2);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedWith422() throws Exception {
        String key = newKey();
        send(post("/v1/idem-probe/things", key, "{\"name\":\"a\"}"));

        HttpResponse<String> reused = send(post("/v1/idem-probe/things", key, "{\"name\":\"b\"}"));

        assertProblem(reused, ProblemType.IDEMPOTENCY_KEY_REUSED);
        assertThat(probe.calls.get()).isEqualTo(1);
    }

    @Test
    void theSameKeyOnADifferentPathOrMethodIsRefusedWith422() throws Exception {
        String key = newKey();
        send(post("/v1/idem-probe/things", key, "{\"name\":\"a\"}"));

        HttpResponse<String> otherPath = send(post("/v1/idem-probe/flaky", key, "{\"name\":\"a\"}"));
        HttpResponse<String> otherMethod = send(request("/v1/idem-probe/things/1", key).DELETE());

        assertProblem(otherPath, ProblemType.IDEMPOTENCY_KEY_REUSED);
        assertProblem(otherMethod, ProblemType.IDEMPOTENCY_KEY_REUSED);
        assertThat(probe.calls.get()).isEqualTo(1);
    }

    @Test
    void aDeleteIsReplayedToo() {
        String key = newKey();

        HttpResponse<String> first = send(request("/v1/idem-probe/things/7", key).DELETE());
        HttpResponse<String> second = send(request("/v1/idem-probe/things/7", key).DELETE());

        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(second.statusCode()).isEqualTo(204);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(probe.calls.get()).isEqualTo(1);
    }

    @Test
    void aKeyThatIsTooLongIsA400AndNothingRuns() throws Exception {
        HttpResponse<String> response = send(post("/v1/idem-probe/things", "k".repeat(256), "{\"name\":\"a\"}"));

        JsonNode body = assertProblem(response, ProblemType.VALIDATION);
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(probe.calls.get()).isZero();
    }

    @Test
    void aKeyOfExactly255PrintableCharactersIsAccepted() {
        String key = ("~ !" + UUID.randomUUID()).repeat(10).substring(0, 255);

        HttpResponse<String> response = send(post("/v1/idem-probe/things", key, "{\"name\":\"a\"}"));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void aRequestWhileTheFirstWithTheSameKeyIsRunningGets409() throws Exception {
        String key = newKey();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> send(post("/v1/idem-probe/slow", key, "{\"name\":\"s\"}")));
        assertThat(probe.entered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> duplicate = send(post("/v1/idem-probe/slow", key, "{\"name\":\"s\"}"));
        assertProblem(duplicate, ProblemType.CONFLICT);

        probe.release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        HttpResponse<String> after = send(post("/v1/idem-probe/slow", key, "{\"name\":\"s\"}"));
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(after.body()).isEqualTo(first.get().body());
        assertThat(probe.calls.get()).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesRunTheHandlerExactlyOnce() throws Exception {
        String key = newKey();
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return send(post("/v1/idem-probe/things", key, "{\"name\":\"c\"}"));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                statuses.add(r.statusCode());
                if (r.statusCode() == 201) {
                    assertThat(r.body()).isEqualTo("{\"id\":1,\"name\":\"c\"}");
                }
            }
            // Each duplicate either waited for nothing and got 409, or came after completion and got the replay.
            assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(probe.calls.get()).isEqualTo(1);
    }

    @Test
    void aFailedResponseIsNotStoredSoTheClientMayRetry() throws Exception {
        String key = newKey();

        HttpResponse<String> failed = send(post("/v1/idem-probe/flaky", key, "{\"name\":\"f\"}"));
        HttpResponse<String> retried = send(post("/v1/idem-probe/flaky", key, "{\"name\":\"f\"}"));

        assertProblem(failed, ProblemType.INTERNAL);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(probe.calls.get()).isEqualTo(2);
    }

    @Test
    void aKeyExpiresAfter24Hours() {
        String key = newKey();
        send(post("/v1/idem-probe/things", key, "{\"name\":\"a\"}"));

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        HttpResponse<String> stillRemembered = send(post("/v1/idem-probe/things", key, "{\"name\":\"b\"}"));
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> forgotten = send(post("/v1/idem-probe/things", key, "{\"name\":\"b\"}"));

        assertThat(stillRemembered.statusCode()).isEqualTo(422);
        assertThat(forgotten.statusCode()).isEqualTo(201);
        assertThat(forgotten.body()).isEqualTo("{\"id\":2,\"name\":\"b\"}");
        assertThat(probe.calls.get()).isEqualTo(2);
    }

    @Test
    void getRequestsIgnoreTheKey() {
        HttpResponse<String> response = send(request("/v1/version", "anything").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    private JsonNode assertProblem(HttpResponse<String> response, ProblemType type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(type.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo(type.uri());
        return body;
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Authorization", "Bearer " + OPERATOR_KEY);
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return builder;
    }

    private HttpRequest.Builder post(String path, String key, String body) {
        return request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return new ApiClient(server).send(request);
    }
}
