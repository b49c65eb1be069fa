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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jars as separate processes, over the network: the marketplace on embedded defaults, and
 * {@code assay-agent enroll} run the way a host owner runs it, with a token made over REST and the CA certificate
 * fetched over REST, against the marketplace's TLS gRPC port.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AgentEnrollmentInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MARKETPLACE_JAR = Path.of("../marketplace-api/target/assay-marketplace.jar");
    private static final Path AGENT_JAR = Path.of("../provider-agent/target/assay-agent.jar");

    @TempDir
    static Path work;

    private static Process marketplace;
    private static int httpPort;
    private static int grpcPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheMarketplace() throws Exception {
        assertThat(MARKETPLACE_JAR).as("packaged by the reactor before this module").exists();
        assertThat(AGENT_JAR).as("packaged by the reactor before this module").exists();
        httpPort = freePort();
        grpcPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-jar", MARKETPLACE_JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("marketplace.log").toFile());
        builder.environment().put("ASSAY_DATA_DIR", work.resolve("market-data").toString());
        builder.environment().put("ASSAY_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("ASSAY_GRPC_PORT", String.valueOf(grpcPort));
        builder.environment().put("ASSAY_DEMO_FLEET_SIZE", "0");
        builder.environment().put("ASSAY_AGENT_HEARTBEAT", "1s");
        marketplace = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                if (get("/health").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!marketplace.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the marketplace did not come up:\n" + log());
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stopTheMarketplace() throws InterruptedException {
        if (marketplace != null) {
            marketplace.destroy();
            if (!marketplace.waitFor(20, TimeUnit.SECONDS)) {
                marketplace.destroyForcibly();
            }
        }
    }

    @Test
    void anAgentEnrollsWithAOneTimeTokenAndKeepsTheIdentityTheMarketplaceSigned() throws Exception {
        String ownerKey = signUp();
        String token = enrollmentToken(ownerKey);
        Path ca = work.resolve("ca.pem");
        Files.writeString(ca, get("/v1/agents/ca.pem").body());
        Path state = work.resolve("agent-1");

        Result enrolled = agent(token, ca, state);

        assertThat(enrolled.exit()).as(enrolled.output()).isZero();
        String hostId = Files.readString(state.resolve("host-id")).strip();
        assertThat(hostId).matches("hst_[0-9a-z]{26}");
        assertThat(enrolled.output()).contains("enrolled as host " + hostId);
        assertThat(Files.readString(state.resolve("agent.crt.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(state.resolve("agent.key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(state.resolve("agent.key.pem")).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        JsonNode tokens = JSON.readTree(get("/v1/hosts/enrollment-tokens", ownerKey).body());
        assertThat(tokens.path("items").get(0).path("state").asText()).isEqualTo("used");

        Result again = agent(token, ca, work.resolve("agent-2"));
        assertThat(again.exit()).as(again.output()).isEqualTo(4);
        assertThat(again.output()).contains("refused").contains("UNAUTHENTICATED").doesNotContain("Exception");
        assertThat(work.resolve("agent-2").resolve("host-id")).doesNotExist();

        Result twice = agent(enrollmentToken(ownerKey), ca, state);
        assertThat(twice.exit()).as(twice.output()).isEqualTo(6);
        assertThat(Files.readString(state.resolve("host-id")).strip()).isEqualTo(hostId);
    }

    @Test
    void anAgentThatTrustsAnotherCaNeverTalksToThisMarketplace() throws Exception {
        String ownerKey = signUp();
        String token = enrollmentToken(ownerKey);
        Path strangerCa = strangerCa();

        Result result = agent(token, strangerCa, work.resolve("agent-stranger"));

        assertThat(result.exit()).as(result.output()).isEqualTo(5);
        assertThat(result.output()).contains("UNAVAILABLE").doesNotContain("Exception");
        assertThat(work.resolve("agent-stranger").resolve("host-id")).doesNotExist();
        JsonNode tokens = JSON.readTree(get("/v1/hosts/enrollment-tokens", ownerKey).body());
        assertThat(tokens.path("items").get(0).path("state").asText()).as("nothing reached Enroll").isEqualTo("active");
    }

    /** A self-signed CA certificate of somebody else's, made with the JDK's keytool. */
    private static Path strangerCa() throws Exception {
        Path keytool = Path.of(java()).resolveSibling("keytool");
        Path store = work.resolve("stranger.p12");
        Path pem = work.resolve("stranger-ca.pem");
        run(keytool.toString(), "-genkeypair", "-keystore", store.toString(), "-storepass", "changeit",
                "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Some other CA",
                "-ext", "bc:c", "-validity", "30");
        run(keytool.toString(), "-exportcert", "-rfc", "-keystore", store.toString(), "-storepass", "changeit",
                "-alias", "ca", "-file", pem.toString());
        return pem;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void aSwarmOfSimulatedAgentsEnrollsConnectsAndHeartbeatsWithoutAnError() throws Exception {
        String ownerKey = signUp();
        Path ca = work.resolve("swarm-ca.pem");
        Files.writeString(ca, get("/v1/agents/ca.pem").body());
        ProcessBuilder builder = new ProcessBuilder(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-jar", AGENT_JAR.toString(), "swarm",
                "--marketplace", "localhost:" + grpcPort, "--api", "http://localhost:" + httpPort,
                "--ca-cert", ca.toString(), "--agents", "20", "--seconds", "3");
        builder.environment().put("ASSAY_OWNER_KEY", ownerKey);
        Process swarm = builder.redirectErrorStream(true).start();
        String output = new String(swarm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(swarm.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(swarm.exitValue()).as(output).isZero();
        JsonNode report = JSON.readTree(output.substring(output.indexOf('{')));
        assertThat(report.path("all_welcomed").asBoolean()).isTrue();
        assertThat(report.path("errors").asLong()).isZero();
        assertThat(report.path("heartbeats_sent").asLong()).as("1 s apart for 3 s").isGreaterThanOrEqualTo(2 * 20);
        assertThat(report.path("simulated").asBoolean()).isTrue();
        JsonNode tokens = JSON.readTree(get("/v1/hosts/enrollment-tokens", ownerKey).body());
        assertThat(tokens.path("items")).hasSize(20).allSatisfy(t -> assertThat(t.path("state").asText()).isEqualTo("used"));
    }

    private record Result(int exit, String output) {}

    private static Result agent(String token, Path ca, Path state) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-jar", AGENT_JAR.toString(), "enroll",
                "--marketplace", "localhost:" + grpcPort, "--ca-cert", ca.toString(), "--state-dir", state.toString())
                .redirectErrorStream(true);
        builder.environment().put("ASSAY_ENROLLMENT_TOKEN", token);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String signUp() throws Exception {
        JsonNode org = JSON.readTree(post("/v1/orgs", null, "{\"name\":\"Interop Hosts\",\"owner_email\":\"ops-"
                + UUID.randomUUID() + "@example.com\"}").body());
        return org.path("api_key").path("key").asText();
    }

    private static String enrollmentToken(String ownerKey) throws Exception {
        HttpResponse<String> created = post("/v1/hosts/enrollment-tokens", ownerKey, "{\"expires_in_hours\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("token").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private static HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String log() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(work.resolve("marketplace.log")));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
