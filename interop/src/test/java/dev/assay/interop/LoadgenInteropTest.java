package dev.assay.interop;

import static dev.assay.interop.MarketplaceProcess.JSON;
import static dev.assay.interop.MarketplaceProcess.LOADGEN_JAR;
import static dev.assay.interop.MarketplaceProcess.java;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./assay loadgen} as a newcomer runs it: the packaged load generator against the packaged marketplace, over
 * the real protocols (agents enroll and stream over mutual TLS, renters over REST). A short, small run: what it
 * proves is that every operation works end to end and is counted, not how fast it is (docs/benchmarks.md).
 */
class LoadgenInteropTest {

    @TempDir
    static Path work;

    private static final String OPERATOR_KEY = "op-" + UUID.randomUUID();
    private static MarketplaceProcess market;

    @BeforeAll
    static void startMarketplace() throws Exception {
        // A small SIMULATED fleet for the renters, still (no demo renters, no ticks): what moves is the load.
        market = MarketplaceProcess.start(work, Map.of("ASSAY_AGENT_HEARTBEAT", "1s",
                "ASSAY_OPERATOR_KEY", OPERATOR_KEY, "ASSAY_DEMO_FLEET_SIZE", "60", "ASSAY_DEMO_RENTERS", "false",
                "ASSAY_DEMO_TICK", "0s"), List.of());
    }

    @AfterAll
    static void stopMarketplace() throws Exception {
        if (market != null) {
            market.close();
        }
    }

    @Test
    void agentsHeartbeatAndPodsArriveEndToEndWithoutAnError() throws Exception {
        Path report = work.resolve("agents.json");

        Run run = loadgen(onThisMarket("--agents", "20", "--seconds", "4", "--pod-rounds", "3", "--pod-hosts", "2",
                "--operator-key", OPERATOR_KEY, "--json", report.toString()));

        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode ops = JSON.readTree(Files.readString(report)).path("operations");
        assertThat(ops.path("enroll").path("count").asLong()).isEqualTo(20);
        assertThat(ops.path("connect").path("count").asLong()).isEqualTo(20);
        assertThat(ops.path("heartbeat").path("count").asLong()).as("every second for 4 s, each acked")
                .isGreaterThanOrEqualTo(2 * 20);
        assertThat(ops.path("heartbeat").path("errors").asLong()).isZero();
        assertThat(ops.path("pod_create_e2e").path("count").asLong()).as("each pod's StartPod reached its agent")
                .isEqualTo(3);
        assertThat(ops.path("pod_create_e2e").path("p99_ms").asDouble()).isPositive();
        assertThat(run.output()).contains("heartbeat").contains("p99 ms");
    }

    @Test
    void rentersSearchRentBidAndStopAndTheMarketplaceStaysWhole() throws Exception {
        Path report = work.resolve("renters.json");

        Run run = loadgen(onThisMarket("--renters", "6", "--seconds", "5", "--operator-key", OPERATOR_KEY,
                "--mix", "search=40,offer=10,create_pod=20,stop_pod=10,bid=20", "--json", report.toString()));

        JsonNode ops = JSON.readTree(Files.readString(report)).path("operations");
        assertThat(ops.path("search").path("count").asLong()).as(run.output()).isPositive();
        assertThat(ops.path("create_pod").path("count").asLong()).as(run.output()).isPositive();
        assertThat(ops.path("bid").path("count").asLong() + ops.path("bid").path("errors").asLong())
                .as(run.output()).isPositive();
        assertThat(ops.path("release_at_end").path("errors").asLong()).as("every pod released").isZero();
        // Market answers (409 no-capacity, 404 an offer gone, 429) are fine; a server fault or a deadlock is not.
        assertThat(market.wholeLog()).doesNotContain("status 500").doesNotContainIgnoringCase("deadlock");
        assertThat(market.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAMarketplaceOffThisMachineAndChangesNothing() throws Exception {
        Run run = loadgen("--api", "http://192.0.2.7:8080", "--agents", "1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("--api must be on this machine (loopback)");
    }

    @Test
    void podRoundsWithoutAnOperatorKeyAreRefusedBeforeAnyLoad() throws Exception {
        Run run = loadgen(onThisMarket("--agents", "2", "--seconds", "2", "--pod-rounds", "1"));

        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("--pod-rounds needs --operator-key").doesNotContain("Exception");
    }

    private record Run(int exit, String output) {}

    private static List<String> onThisMarket(String... args) {
        List<String> all = new ArrayList<>(List.of("--api", "http://127.0.0.1:" + market.httpPort,
                "--grpc", "127.0.0.1:" + market.grpcPort));
        all.addAll(List.of(args));
        return all;
    }

    private static Run loadgen(String... args) throws Exception {
        return loadgen(List.of(args));
    }

    private static Run loadgen(List<String> args) throws Exception {
        assertThat(LOADGEN_JAR).as("packaged by the reactor before this module").exists();
        List<String> command = new ArrayList<>(List.of(java(), "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-jar", LOADGEN_JAR.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
