package dev.assay.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.api.testing.ApiClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error the server answers is RFC 9457 problem+json with the documented shape. */
@MicronautTest
@Property(name = "problem-probe.enabled", value = "true")
@Property(name = "assay.operator-key", value = ProblemJsonTest.OPERATOR_KEY)
class ProblemJsonTest {

    static final String OPERATOR_KEY = "problem-json-test-operator-key-0123456789";

    @Inject
    EmbeddedServer server;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anApiProblemKeepsItsTypeStatusDetailAndFieldErrors() throws Exception {
        HttpResponse<String> response = send(get("/v1/problem-probe/api-problem"));

        JsonNode body = assertProblem(response, ProblemType.CONFLICT, "/v1/problem-probe/api-problem");
        assertThat(body.path("detail").asText()).isEqualTo("the name is taken");
        assertThat(errors(body)).containsExactly("name=already used by pod_1");
    }

    @Test
    void illegalArgumentIsA400ValidationWithItsMessage() throws Exception {
        JsonNode body = assertProblem(send(get("/v1/problem-probe/illegal-argument")), ProblemType.VALIDATION,
                "/v1/problem-probe/illegal-argument");

        assertThat(body.path("detail").asText()).isEqualTo("gpuCount must be at least 1, was 0");
    }

    @Test
    void beanValidationNamesEachFieldByItsJsonPath() throws Exception {
        HttpResponse<String> response = send(post("/v1/problem-probe/validated",
                "{\"name\":\" \",\"count\":0,\"items\":[{\"label\":\"a\"},{\"label\":\"\"}]}"));

        JsonNode body = assertProblem(response, ProblemType.VALIDATION, "/v1/problem-probe/validated");
        assertThat(errors(body)).hasSize(3).anySatisfy(e -> assertThat(e).startsWith("name="))
                .anySatisfy(e -> assertThat(e).startsWith("count="))
                .anySatisfy(e -> assertThat(e).startsWith("items[1].label="));
        assertThat(body.path("detail").asText()).contains("count").contains("name");
    }

    @Test
    void aValidBodyPasses() {
        HttpResponse<String> response = send(post("/v1/problem-probe/validated",
                "{\"name\":\"x\",\"count\":2,\"items\":[]}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok x");
    }

    @Test
    void brokenJsonIsMalformed() throws Exception {
        JsonNode body = assertProblem(send(post("/v1/problem-probe/validated", "{\"name\": \"x\", ")),
                ProblemType.MALFORMED_REQUEST, "/v1/problem-probe/validated");

        assertThat(body.path("detail").asText()).doesNotContain("dev.assay").doesNotContain("Exception");
    }

    @Test
    void aMissingBodyIsMalformed() throws Exception {
        assertProblem(send(post("/v1/problem-probe/validated", "")), ProblemType.MALFORMED_REQUEST,
                "/v1/problem-probe/validated");
    }

    @Test
    void aWrongTypeIsMalformedAndNamesTheField() throws Exception {
        JsonNode body = assertProblem(send(post("/v1/problem-probe/validated", "{\"name\":\"x\",\"count\":\"many\"}")),
                ProblemType.MALFORMED_REQUEST, "/v1/problem-probe/validated");

        assertThat(body.path("detail").asText()).contains("count").doesNotContain("dev.assay");
        assertThat(errors(body)).singleElement().asString().startsWith("count=");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsMalformedAndNamed() throws Exception {
        JsonNode body = assertProblem(send(get("/v1/problem-probe/query?count=abc")), ProblemType.MALFORMED_REQUEST,
                "/v1/problem-probe/query");

        assertThat(errors(body)).singleElement().asString().startsWith("count=");
    }

    @Test
    void aMissingQueryParameterIsAValidationError() throws Exception {
        JsonNode body = assertProblem(send(get("/v1/problem-probe/query")), ProblemType.VALIDATION,
                "/v1/problem-probe/query");

        assertThat(errors(body)).containsExactly("count=is required");
    }

    @Test
    void anUnknownRouteUnderV1IsA404Problem() throws Exception {
        JsonNode body = assertProblem(send(get("/v1/no-such-thing")), ProblemType.NOT_FOUND, "/v1/no-such-thing");

        assertThat(body.path("detail").asText()).contains("/v1/no-such-thing");
    }

    @Test
    void anUnknownRouteUnderV1IsProblemJsonEvenForABrowser() throws Exception {
        HttpResponse<String> response = send(get("/v1/no-such-thing").header("Accept", "text/html,*/*;q=0.8"));

        assertProblem(response, ProblemType.NOT_FOUND, "/v1/no-such-thing");
    }

    @Test
    void aWrongMethodIsA405ProblemNamingTheAllowedOnes() throws Exception {
        HttpResponse<String> response = send(request("/v1/version").DELETE());

        JsonNode body = assertProblem(response, ProblemType.METHOD_NOT_ALLOWED, "/v1/version");
        assertThat(body.path("detail").asText()).contains("DELETE").contains("GET");
    }

    @Test
    void anUnsupportedMediaTypeIsA415Problem() throws Exception {
        HttpResponse<String> response = send(request("/v1/problem-probe/validated")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=x")));

        JsonNode body = assertProblem(response, ProblemType.UNSUPPORTED_MEDIA_TYPE, "/v1/problem-probe/validated");
        assertThat(body.path("detail").asText()).contains("text/plain").contains("application/json");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"count\":1}";

        JsonNode body = assertProblem(send(post("/v1/problem-probe/validated", big)), ProblemType.PAYLOAD_TOO_LARGE,
                "/v1/problem-probe/validated");

        assertThat(body.path("detail").asText()).contains("1048576");
    }

    @Test
    void anUnexpectedFailureIsA500ThatLeaksNothing() throws Exception {
        HttpResponse<String> response = send(get("/v1/problem-probe/boom"));

        JsonNode body = assertProblem(response, ProblemType.INTERNAL, "/v1/problem-probe/boom");
        assertThat(body.path("detail").asText()).containsPattern("correlation id [0-9a-f-]{36}");
        assertThat(response.body()).doesNotContain("postgresql").doesNotContain("hunter2")
                .doesNotContain("IllegalStateException").doesNotContain("at dev.assay");
    }

    @Test
    void aMissingApiKeyIsA401Problem() throws Exception {
        HttpResponse<String> response = send(request("/v1/problem-probe/api-problem").GET());

        assertProblem(response, ProblemType.UNAUTHENTICATED, "/v1/problem-probe/api-problem");
    }

    @Test
    void everyProblemTypeHasAStableUriUnderAssayDev() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.uri()).matches("https://assay\\.dev/problems/[a-z]+(-[a-z]+)*");
            assertThat(type.status()).isBetween(400, 599);
            assertThat(type.title()).isNotBlank();
        }
        assertThat(ProblemType.IDEMPOTENCY_KEY_REUSED.uri())
                .isEqualTo("https://assay.dev/problems/idempotency-key-reused");
    }

    private JsonNode assertProblem(HttpResponse<String> response, ProblemType type, String instance) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(type.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo(type.uri());
        assertThat(body.path("title").asText()).isEqualTo(type.title());
        assertThat(body.path("status").asInt()).isEqualTo(type.status());
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("instance").asText()).isEqualTo(instance);
        assertThat(body.path("errors").isArray()).isTrue();
        return body;
    }

    private static List<String> errors(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("errors").forEach(e -> out.add(e.path("field").asText() + "=" + e.path("message").asText()));
        return out;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURI() + path));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).header("Authorization", "Bearer " + OPERATOR_KEY).GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return request(path).header("Authorization", "Bearer " + OPERATOR_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return new ApiClient(server).send(request);
    }
}
