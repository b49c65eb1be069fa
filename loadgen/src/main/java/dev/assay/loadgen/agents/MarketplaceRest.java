package dev.assay.loadgen.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The few REST calls the agents' side makes (sign-up, enrollment tokens, offers, credits, pods), as JSON over one
 * HTTP/1.1 client. Thread-safe. {@link #call} answers whatever came back; {@link #expect} is for set-up calls,
 * which wait out a 429 (the marketplace's per-key rate limit) a bounded number of times and fail on anything else
 * than the status wanted.
 */
final class MarketplaceRest {

    /** What one call answered. */
    record Answer(int status, JsonNode body, String text) {}

    private static final int MAX_RATE_LIMIT_WAITS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    MarketplaceRest(URI api) {
        this.api = api;
    }

    /** One request; {@code key} and {@code body} may be null. Headers come as name, value pairs. */
    Answer call(String method, String path, String key, Object body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode json = text == null || text.isBlank() || !text.strip().startsWith("{") ? JSON.createObjectNode()
                : JSON.readTree(text);
        return new Answer(response.statusCode(), json, text);
    }

    /** A set-up call that must answer {@code status}; waits out rate limiting, throws on anything else. */
    JsonNode expect(int status, String method, String path, String key, Object body)
            throws IOException, InterruptedException {
        for (int waits = 0; ; waits++) {
            Answer answer = call(method, path, key, body);
            if (answer.status() == status) {
                return answer.body();
            }
            if (answer.status() == 429 && waits < MAX_RATE_LIMIT_WAITS) {
                Thread.sleep(Duration.ofMillis(250L * (1 + waits % 4)));
                continue;
            }
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ", wanted "
                    + status + ": " + abbreviated(answer.text()));
        }
    }

    /** A new organisation (sign-up takes no key); answers its id and owner key. */
    Organisation signUp(String name, String email) throws IOException, InterruptedException {
        JsonNode created = expect(201, "POST", "/v1/orgs", null, Map.of("name", name, "owner_email", email));
        return new Organisation(created.path("organisation").path("id").asText(),
                created.path("api_key").path("key").asText());
    }

    record Organisation(String id, String key) {}

    static String abbreviated(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
