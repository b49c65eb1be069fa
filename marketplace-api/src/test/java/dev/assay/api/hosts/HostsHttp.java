package dev.assay.api.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** HTTP helpers for the hosts and offers tests: sign up an organisation, make keys, call with a key. */
public final class HostsHttp {


    private final ApiClient client;
    private final URI base;
    public final String orgId;
    public final String ownerKey;

    public HostsHttp(EmbeddedServer server) {
        this.client = new ApiClient(server);
        this.base = server.getURI();
        HttpResponse<String> response = post("/v1/orgs", null, "{\"name\":\"Hosts Org\",\"owner_email\":\"owner-"
                + UUID.randomUUID() + "@example.com\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        this.orgId = json(response).path("organisation").path("id").asText();
        this.ownerKey = json(response).path("api_key").path("key").asText();
    }

    /** A key of this organisation with only the given scopes, e.g. {@code "read"}. */
    public String keyWithScopes(String... scopes) {
        String list = String.join(",", java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList());
        HttpResponse<String> response = post("/v1/api-keys", ownerKey,
                "{\"name\":\"scoped\",\"role\":\"admin\",\"scopes\":[" + list + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("key").asText();
    }

    public HttpResponse<String> get(String path, String key) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path)).GET(), key));
    }

    public HttpResponse<String> post(String path, String key, String body) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), key));
    }

    public HttpResponse<String> put(String path, String key, String body) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), key));
    }

    public HttpResponse<String> delete(String path, String key) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path)).DELETE(), key));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return client.send(request);
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String key) {
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return ApiAnswers.json(response);
    }

    /** Asserts a problem+json answer of this status and type slug; returns its body. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        return ApiAnswers.assertProblem(response, status, typeSlug);
    }

    /** The fields a problem's {@code errors} name. */
    public static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
