package dev.assay.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The packaged marketplace jar as a process of its own, on embedded defaults, and a REST client for it. */
final class MarketplaceProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path MARKETPLACE_JAR = Path.of("../marketplace-api/target/assay-marketplace.jar");
    static final Path AGENT_JAR = Path.of("../provider-agent/target/assay-agent.jar");
    static final Path LOADGEN_JAR = Path.of("../loadgen/target/assay-loadgen.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int httpPort;
    final int grpcPort;
    private final Path log;
    private final Process process;

    private MarketplaceProcess(int httpPort, int grpcPort, Path log, Process process) {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the marketplace with its data in {@code work}, no demo fleet, and {@code settings} as system
     * properties (e.g. faster heartbeats); waits until it answers its health check.
     */
    static MarketplaceProcess start(Path work, Map<String, String> environment, List<String> systemProperties)
            throws Exception {
        assertThat(MARKETPLACE_JAR).as("packaged by the reactor before this module").exists();
        assertThat(AGENT_JAR).as("packaged by the reactor before this module").exists();
        int httpPort = freePort();
        int grpcPort = freePort();
        Path log = work.resolve("marketplace.log");
        List<String> command = new ArrayList<>(List.of(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", MARKETPLACE_JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ASSAY_DATA_DIR", work.resolve("market-data").toString());
        builder.environment().put("ASSAY_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("ASSAY_GRPC_PORT", String.valueOf(grpcPort));
        builder.environment().put("ASSAY_DEMO_FLEET_SIZE", "0");
        builder.environment().putAll(environment);
        MarketplaceProcess marketplace = new MarketplaceProcess(httpPort, grpcPort, log, builder.start());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                if (marketplace.get("/health", null).statusCode() == 200) {
                    return marketplace;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!marketplace.process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the marketplace did not come up:\n" + marketplace.log());
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Kills the instance at once (SIGKILL): no goodbye to its agents, no graceful shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** A new organisation: its id and owner key. */
    record Org(String id, String key) {}

    Org signUp(String name) throws Exception {
        JsonNode org = JSON.readTree(post("/v1/orgs", null, "{\"name\":\"" + name + "\",\"owner_email\":\"ops-"
                + UUID.randomUUID() + "@example.com\"}").body());
        return new Org(org.path("organisation").path("id").asText(), org.path("api_key").path("key").asText());
    }

    String enrollmentToken(String ownerKey, String placementJson) throws Exception {
        HttpResponse<String> created = post("/v1/hosts/enrollment-tokens", ownerKey, placementJson);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("token").asText();
    }

    /** GET, answered as JSON (asserting the status). */
    JsonNode json(String path, String key, int expectedStatus) throws Exception {
        HttpResponse<String> response = get(path, key);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return HTTP.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        return HTTP.send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String key, String body) throws Exception {
        return HTTP.send(request(path, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    /** The last 60 lines of the marketplace's log, for a failure message. */
    /** Everything the process has logged so far. */
    String wholeLog() throws IOException {
        return Files.readString(log);
    }

    String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
