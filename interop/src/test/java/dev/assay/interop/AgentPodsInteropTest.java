package dev.assay.interop;

import static dev.assay.interop.MarketplaceProcess.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.interop.MarketplaceProcess.Org;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way of machines and a pod, with the shipped jars as separate processes (one marketplace, two agents of
 * two owners) over real gRPC with mutual TLS on loopback: enroll → {@code assay-agent run --simulate} connects and reports → the host appears (measured,
 * challenged, verified) and is found in search once listed → a pod created over REST reaches the agent as
 * StartPod → RUNNING → stop → STOPPED; the agent killed → host OFFLINE → pod LOST; the agent restarted → it
 * reconnects and reports, and the host is ONLINE again.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AgentPodsInteropTest {

    private static final String OPERATOR_KEY = "op-interop-" + "7c1d9e2f4a6b8c0d2e4f6a8b0c2d4e6f";

    @TempDir
    static Path work;

    private static MarketplaceProcess market;

    @BeforeAll
    static void startTheMarketplace() throws Exception {
        market = MarketplaceProcess.start(work, Map.of(
                        "ASSAY_AGENT_HEARTBEAT", "1s",
                        "ASSAY_AGENT_OFFLINE_AFTER", "3s",
                        "ASSAY_OPERATOR_KEY", OPERATOR_KEY,
                        "ASSAY_METERING_INTERVAL", "1s"),
                List.of("-Dassay.agents.presence-sweep=500ms"));
    }

    @AfterAll
    static void stopTheMarketplace() throws InterruptedException {
        if (market != null) {
            market.close();
        }
    }

    @Test
    void aPodRunsOnARealAgentAndIsLostWithItsHostWhichComesBackWhenTheAgentDoes() throws Exception {
        Org owner = market.signUp("Interop Hosts");
        String token = market.enrollmentToken(owner.key(), "{\"expires_in_hours\":1,\"name\":\"interop rig\","
                + "\"region\":\"eu-west\",\"geolocation\":\"DE\"}");
        Path ca = work.resolve("ca.pem");
        Files.writeString(ca, market.get("/v1/agents/ca.pem", null).body());
        Path identity = work.resolve("rig");
        assertThat(enroll(token, ca, identity)).isZero();
        String hostId = Files.readString(identity.resolve("host-id")).strip();

        Org otherOwner = market.signUp("Interop Datacenter");
        Path otherIdentity = work.resolve("dc-node");
        assertThat(enroll(market.enrollmentToken(otherOwner.key(), "{\"tier\":\"SECURE\",\"region\":\"eu-west\","
                + "\"geolocation\":\"NL\"}"), ca, otherIdentity)).isZero();
        String otherHostId = Files.readString(otherIdentity.resolve("host-id")).strip();

        Process agent = run(identity, "agent-1.log", "2x RTX_4090");
        Process other = run(otherIdentity, "agent-dc.log", "1x H100_SXM5_80GB");
        try {
            JsonNode host = await("the host measured and verified", () -> {
                var answer = market.get("/v1/hosts/" + hostId, owner.key());
                JsonNode json = JSON.readTree(answer.body());
                return answer.statusCode() == 200 && json.path("verification").asText().equals("VERIFIED") ? json : null;
            }, agent);
            assertThat(host.path("name").asText()).isEqualTo("interop rig");
            assertThat(host.path("simulated").asBoolean()).isTrue();
            assertThat(host.path("status").asText()).isEqualTo("ONLINE");
            assertThat(host.path("gpus")).hasSize(2);
            assertThat(host.path("gpus").get(0).path("score").asDouble()).isPositive();
            assertThat(host.path("latest_benchmarks").get(0).path("verdict").asText()).isEqualTo("PLAUSIBLE");

            HttpResponse<String> listed = market.put("/v1/hosts/" + hostId + "/offer", owner.key(),
                    "{\"on_demand_per_gpu_hour\":\"0.45\",\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":1,"
                            + "\"storage_per_gb_month\":\"0.10\"}");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            JsonNode otherHost = await("the second machine measured and verified", () -> {
                JsonNode json = JSON.readTree(market.get("/v1/hosts/" + otherHostId, otherOwner.key()).body());
                return json.path("verification").asText().equals("VERIFIED") ? json : null;
            }, other);
            assertThat(otherHost.path("gpus").get(0).path("sku_id").asText()).isEqualTo("H100_SXM5_80GB");
            assertThat(otherHost.path("machine").path("tier").asText()).isEqualTo("SECURE");
            HttpResponse<String> otherListed = market.put("/v1/hosts/" + otherHostId + "/offer", otherOwner.key(),
                    "{\"on_demand_per_gpu_hour\":\"2.10\",\"min_bid_per_gpu_hour\":\"1.00\",\"min_gpus_per_pod\":1,"
                            + "\"storage_per_gb_month\":\"0.10\"}");
            assertThat(otherListed.statusCode()).as(otherListed.body()).isEqualTo(200);

            Org renter = market.signUp("Interop Renters");
            HttpResponse<String> credited = market.post("/v1/billing/credits", OPERATOR_KEY, "{\"org_id\":\""
                    + renter.id() + "\",\"amount\":\"20\",\"reference\":\"interop-1\"}");
            assertThat(credited.statusCode()).as(credited.body()).isIn(200, 201);
            JsonNode offers = market.json("/v1/offers?q=" + URLEncoder.encode("region=eu-west order by value desc",
                    StandardCharsets.UTF_8), renter.key(), 200);
            assertThat(offers.path("items").findValuesAsText("host_id")).contains(hostId, otherHostId);

            HttpResponse<String> created = market.post("/v1/pods", renter.key(), "{\"name\":\"interop\",\"image\":"
                    + "\"busybox:1.36\",\"gpu_count\":1,\"offer_id\":\"" + hostId + "\",\"disk_gb\":10,"
                    + "\"ports\":[\"22/tcp\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String podId = JSON.readTree(created.body()).path("id").asText();
            awaitPod(renter, podId, "RUNNING", agent);

            HttpResponse<String> stopped = market.post("/v1/pods/" + podId + "/stop", renter.key(), "{}");
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            awaitPod(renter, podId, "STOPPED", agent);

            HttpResponse<String> started = market.post("/v1/pods/" + podId + "/start", renter.key(), "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            awaitPod(renter, podId, "RUNNING", agent);

            kill(agent);
            await("the host OFFLINE", () -> JSON.readTree(market.get("/v1/hosts/" + hostId, owner.key()).body())
                    .path("status").asText().equals("OFFLINE") ? true : null, null);
            awaitPod(renter, podId, "LOST", null);

            agent = run(identity, "agent-2.log", "2x RTX_4090");
            Process restarted = agent;
            await("the host back ONLINE", () -> JSON.readTree(market.get("/v1/hosts/" + hostId, owner.key()).body())
                    .path("status").asText().equals("ONLINE") ? true : null, restarted);
            assertThat(Files.readString(work.resolve("agent-2.log"))).contains("host " + hostId);
            assertThat(JSON.readTree(market.get("/v1/hosts/" + otherHostId, otherOwner.key()).body())
                    .path("status").asText()).as("the other machine was never away").isEqualTo("ONLINE");
        } finally {
            kill(agent);
            kill(other);
        }
    }

    private JsonNode awaitPod(Org renter, String podId, String state, Process agent) throws Exception {
        return await("pod " + podId + " " + state, () -> {
            JsonNode pod = JSON.readTree(market.get("/v1/pods/" + podId, renter.key()).body());
            return pod.path("state").asText().equals(state) ? pod : null;
        }, agent);
    }

    private static <T> T await(String what, Callable<T> check, Process agent) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            T value = check.call();
            if (value != null) {
                return value;
            }
            if (agent != null && !agent.isAlive()) {
                throw new AssertionError("the agent exited while waiting for " + what + ":\n" + agentLogs());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited 60 s for " + what + "\n--- marketplace:\n" + market.log() + "\n--- agents:\n"
                + agentLogs());
    }

    private static int enroll(String token, Path ca, Path identity) throws Exception {
        return AgentProcesses.enroll("localhost:" + market.grpcPort, token, ca, identity);
    }

    private static Process run(Path identity, String log, String gpus) throws Exception {
        return AgentProcesses.run("localhost:" + market.grpcPort, identity, work.resolve(log), gpus);
    }

    private static void kill(Process agent) throws InterruptedException {
        AgentProcesses.kill(agent);
    }

    private static String agentLogs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("agent-1.log", "agent-dc.log", "agent-2.log")) {
            try {
                List<String> lines = Files.readAllLines(work.resolve(name));
                logs.append("[").append(name).append("]\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            } catch (java.io.IOException absent) {
                // not started
            }
        }
        return logs.toString();
    }
}
