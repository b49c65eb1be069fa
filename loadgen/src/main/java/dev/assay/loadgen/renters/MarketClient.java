package dev.assay.loadgen.renters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The renters' REST calls: JSON over HTTP/1.1 with keep-alive (one {@link HttpClient}, whose pool keeps a
 * connection per renter busy at once). Answers are bytes, parsed only when the caller needs what is inside, so
 * a search-only run spends its client CPU on HTTP, not on reading offers it throws away.
 */
final class MarketClient {

    /** A search that takes longer than this is a failure of the run, not a latency to record. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request in flight when the window ends may take this much longer, then fails as timed out. */
    static final Duration AFTER_WINDOW = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI api;
    /** While a window runs: no request outlives it by more than {@link #AFTER_WINDOW} (else Long.MAX_VALUE). */
    private volatile long finishByNanos = Long.MAX_VALUE;

    MarketClient(URI api) {
        this.api = api;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One answer: status, body, and {@code Retry-After} in seconds when the server sent one. */
    record Answer(int status, byte[] body, Optional<Long> retryAfterSeconds) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("answer " + status + " is not JSON: " + e.getMessage(), e);
            }
        }

        /** {@code "409 No capacity: no host fits…"}: the status and problem+json title and detail, for the report. */
        String reason() {
            String text = "";
            try {
                JsonNode problem = JSON.readTree(body);
                text = problem.path("title").asText("") + (problem.hasNonNull("detail")
                        ? ": " + problem.get("detail").asText() : "");
            } catch (IOException | RuntimeException e) {
                text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            }
            String reason = status + " " + text;
            return reason.length() > 200 ? reason.substring(0, 200) + "…" : reason;
        }
    }

    Answer get(String pathAndQuery, String key) throws IOException, InterruptedException {
        return send(request(pathAndQuery, key).GET().build());
    }

    Answer post(String path, String key, Object body) throws IOException, InterruptedException {
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
    }

    Answer delete(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).DELETE().build());
    }

    /**
     * Bounds every request from now on to end by {@code windowEndNanos} + {@link #AFTER_WINDOW}, so one stuck
     * request cannot stretch the measured window (the run waits for every renter); {@link #unbounded} undoes it.
     */
    void finishBy(long windowEndNanos) {
        finishByNanos = windowEndNanos + AFTER_WINDOW.toNanos();
    }

    void unbounded() {
        finishByNanos = Long.MAX_VALUE;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String pathAndQuery, String key) {
        long left = finishByNanos - System.nanoTime();
        Duration timeout = left < REQUEST_TIMEOUT.toNanos() ? Duration.ofNanos(Math.max(left, 1_000_000_000L))
                : REQUEST_TIMEOUT;
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json");
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Optional<Long> retryAfter = response.headers().firstValue("Retry-After").flatMap(MarketClient::seconds);
        return new Answer(response.statusCode(), response.body(), retryAfter);
    }

    private static Optional<Long> seconds(String header) {
        try {
            return Optional.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
