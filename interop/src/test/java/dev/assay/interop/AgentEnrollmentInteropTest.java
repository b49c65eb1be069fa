package dev.assay.interop;

import static dev.assay.interop.MarketplaceProcess.AGENT_JAR;
import static dev.assay.interop.MarketplaceProcess.JSON;
import static dev.assay.interop.MarketplaceProcess.java;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @TempDir
    static Path work;

    private static MarketplaceProcess market;

    @BeforeAll
    static void startTheMarketplace() throws Exception {
        market = MarketplaceProcess.start(work, Map.of("ASSAY_AGENT_HEARTBEAT", "1s"), List.of());
    }

    @AfterAll
    static void stopTheMarketplace() throws InterruptedException {
        if (market != null) {
            market.close();
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

    private record Result(int exit, String output) {}

    private static Result agent(String token, Path ca, Path state) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-jar", AGENT_JAR.toString(), "enroll",
                "--marketplace", "localhost:" + market.grpcPort, "--ca-cert", ca.toString(), "--state-dir", state.toString())
                .redirectErrorStream(true);
        builder.environment().put("ASSAY_ENROLLMENT_TOKEN", token);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String signUp() throws Exception {
        return market.signUp("Interop Hosts").key();
    }

    private static String enrollmentToken(String ownerKey) throws Exception {
        return market.enrollmentToken(ownerKey, "{\"expires_in_hours\":1}");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return market.get(path, null);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return market.get(path, key);
    }
}
