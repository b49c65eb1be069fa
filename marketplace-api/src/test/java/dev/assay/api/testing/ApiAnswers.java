package dev.assay.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Reading the API's answers in tests: JSON bodies, and RFC 9457 problems checked the same way everywhere. */
public final class ApiAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiAnswers() {}

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /**
     * Asserts a {@code application/problem+json} answer of this status and type slug, with a status member that
     * agrees and a detail for people; returns its body.
     */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.path("type").asText()).isEqualTo("https://assay.dev/problems/" + typeSlug);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
        return body;
    }
}
