package dev.assay.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Calls the accounts endpoints of a running server the way a client would, with java.net.http. */
final class AccountsHttp {

    /** What a sign-up hands back. */
    record SignedUp(String orgId, String userId, String keyId, String key) {}


    private final ApiClient client;
    private final URI base;

    AccountsHttp(EmbeddedServer server) {
        this.client = new ApiClient(server);
        this.base = server.getURI();
    }

    HttpResponse<String> get(String path, String key) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path)).GET(), key));
    }

    HttpResponse<String> post(String path, String key, String json) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), key));
    }

    HttpResponse<String> delete(String path, String key) {
        return client.send(authorised(HttpRequest.newBuilder(base.resolve(path)).DELETE(), key));
    }

    HttpResponse<String> withAuthorization(String path, String authorizationHeader) {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).GET()
                .header("Authorization", authorizationHeader));
    }

    /** Signs up a fresh organisation with a unique owner e-mail and checks the answer's shape. */
    SignedUp signUp(String orgName) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = post("/v1/orgs", null,
                "{\"name\":\"" + orgName + "\",\"owner_email\":\"" + email + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        return new SignedUp(body.path("organisation").path("id").asText(), body.path("owner").path("user_id").asText(),
                body.path("api_key").path("id").asText(), body.path("api_key").path("key").asText());
    }

    /** Creates a key with the caller's key and returns the whole new key. */
    String createKey(String callerKey, String name, String role, String... scopes) {
        HttpResponse<String> response = post("/v1/api-keys", callerKey, keyRequest(name, role, scopes));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("key").asText();
    }

    static String keyRequest(String name, String role, String... scopes) {
        StringBuilder json = new StringBuilder("{\"name\":\"").append(name).append("\",\"role\":\"").append(role)
                .append("\",\"scopes\":[");
        for (int i = 0; i < scopes.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(scopes[i]).append('"');
        }
        return json.append("]}").toString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return ApiAnswers.json(response);
    }

    /** Asserts an RFC 9457 problem answer of the given status and type slug; returns its body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        return ApiAnswers.assertProblem(response, status, typeSlug);
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String key) {
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }
}
