package dev.assay.api.pods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Calls {@code /v1/pods} of a running server the way a client would. */
final class PodsHttp {

    private final ApiClient client;

    PodsHttp(EmbeddedServer server) {
        this.client = new ApiClient(server);
    }

    /** A fresh organisation; returns {orgId, ownerKey}. */
    String[] signUp(String name) {
        HttpResponse<String> response = send("POST", "/v1/orgs", null, "{\"name\":\"" + name
                + "\",\"owner_email\":\"owner-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        return new String[] {body.path("organisation").path("id").asText(), body.path("api_key").path("key").asText()};
    }

    String createKey(String ownerKey, String... scopes) {
        StringBuilder json = new StringBuilder("{\"name\":\"k\",\"role\":\"member\",\"scopes\":[");
        for (int i = 0; i < scopes.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(scopes[i]).append('"');
        }
        HttpResponse<String> response = send("POST", "/v1/api-keys", ownerKey, json.append("]}").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("key").asText();
    }

    HttpResponse<String> send(String method, String path, String key, String body) {
        return client.send(method, path, key, body);
    }

    /** POSTs a pod and expects it placed; returns its JSON. */
    JsonNode place(String key, String body) {
        HttpResponse<String> response = send("POST", "/v1/pods", key, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    JsonNode pod(String key, String podId) {
        HttpResponse<String> response = send("GET", "/v1/pods/" + podId, key, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static String onDemand(String hostId, int gpus) {
        return "{\"name\":\"trainer\",\"image\":\"pytorch/pytorch:2.4.0-cuda12.4\",\"gpu_count\":" + gpus
                + ",\"offer_id\":\"" + hostId + "\",\"disk_gb\":50,\"ports\":[\"22/tcp\",\"8888/http\"],"
                + "\"env\":{\"MODE\":\"train\"}}";
    }

    static String interruptible(String hostId, int gpus, String bid) {
        return "{\"name\":\"spot\",\"image\":\"ghcr.io/acme/worker:1.2\",\"gpu_count\":" + gpus + ",\"offer_id\":\""
                + hostId + "\",\"disk_gb\":40,\"type\":\"INTERRUPTIBLE\",\"bid_per_gpu_hour\":\"" + bid + "\"}";
    }

    static JsonNode json(HttpResponse<String> response) {
        return ApiAnswers.json(response);
    }

    /** Asserts an RFC 9457 problem of the given status and type slug; returns its body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        return ApiAnswers.assertProblem(response, status, typeSlug);
    }
}
