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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis stopped under traffic: reads and search keep answering, writes that need routing get 503 problem+json with
 * Retry-After and change nothing, running pods keep running; Redis started again → pods are created and reach
 * their agent again within 30 s, without restarting the marketplace.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RedisOutageInteropTest {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void readsKeepAnsweringRoutedWritesFailFastAndServiceReturnsWithRedis() throws Exception {
        Process agent = null;
        MarketplaceProcess market = null;
        try (ScaleOutServices services = ScaleOutServices.start(work)) {
            market = MarketplaceProcess.start(work, services.instanceEnvironment(), ScaleOutServices.instanceProperties());
            MarketplaceProcess m = market;
            Path ca = work.resolve("ca.pem");
            Files.writeString(ca, m.get("/v1/agents/ca.pem", null).body());
            Org owner = m.signUp("Outage Hosts");
            Path identity = work.resolve("rig");
            String target = "localhost:" + m.grpcPort;
            assertThat(AgentProcesses.enroll(target, m.enrollmentToken(owner.key(), "{\"region\":\"us-east\"}"), ca,
                    identity)).isZero();
            String hostId = AgentProcesses.hostId(identity);
            agent = AgentProcesses.run(target, identity, work.resolve("agent.log"), "2x RTX_4090");
            AgentProcesses.await("the host verified", Duration.ofSeconds(90), () -> JSON.readTree(
                    m.get("/v1/hosts/" + hostId, owner.key()).body()).path("verification").asText().equals("VERIFIED")
                    ? true : null, m::log);
            assertThat(m.put("/v1/hosts/" + hostId + "/offer", owner.key(), "{\"on_demand_per_gpu_hour\":\"0.45\","
                    + "\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":1,\"storage_per_gb_month\":\"0.10\"}")
                    .statusCode()).isEqualTo(200);
            Org renter = m.signUp("Outage Renters");
            assertThat(m.post("/v1/billing/credits", ScaleOutServices.OPERATOR_KEY, "{\"org_id\":\"" + renter.id()
                    + "\",\"amount\":\"20\",\"reference\":\"outage-1\"}").statusCode()).isIn(200, 201);
            String running = create(m, renter, hostId, "before");
            assertThat(running).isNotNull();
            awaitPod(m, renter, running, "RUNNING");

            services.redis.stop();

            String search = "/v1/offers?q=" + URLEncoder.encode("region=us-east", StandardCharsets.UTF_8);
            for (int i = 0; i < 5; i++) {
                assertThat(m.get(search, renter.key()).statusCode()).as("search without Redis").isEqualTo(200);
                assertThat(m.get("/v1/pods/" + running, renter.key()).statusCode()).isEqualTo(200);
                assertThat(m.get("/v1/hosts/" + hostId, owner.key()).statusCode()).isEqualTo(200);
                assertThat(m.get("/health", null).statusCode()).as("an instance without Redis is healthy").isEqualTo(200);
            }
            HttpResponse<String> refused = m.post("/v1/pods", renter.key(), podJson(hostId, "during"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("Redis");
            HttpResponse<String> stopRefused = m.post("/v1/pods/" + running + "/stop", renter.key(), "{}");
            assertThat(stopRefused.statusCode()).as(stopRefused.body()).isEqualTo(503);
            assertThat(services.count("SELECT COUNT(*) FROM pods")).as("nothing half-written").isEqualTo(1);
            Thread.sleep(3_000); // heartbeats and sweeps go on without Redis
            assertThat(JSON.readTree(m.get("/v1/pods/" + running, renter.key()).body()).path("state").asText())
                    .isEqualTo("RUNNING");
            assertThat(JSON.readTree(m.get("/v1/hosts/" + hostId, owner.key()).body()).path("status").asText())
                    .as("not knowing is not absence").isEqualTo("ONLINE");

            services.redis.startAgain();
            Instant restarted = Instant.now();
            String after = AgentProcesses.await("a pod created after Redis came back", RECOVERY_LIMIT,
                    () -> create(m, renter, hostId, "after-" + System.nanoTime()), m::log);
            awaitPod(m, renter, after, "RUNNING");
            Duration recovery = Duration.between(restarted, Instant.now());
            System.out.printf("outage: normal service %d ms after Redis came back%n", recovery.toMillis());
            assertThat(recovery).isLessThanOrEqualTo(RECOVERY_LIMIT);
            assertThat(JSON.readTree(m.get("/v1/pods/" + running, renter.key()).body()).path("state").asText())
                    .isEqualTo("RUNNING");
            services.assertNoGpuHeldTwice();
            services.assertLedgerBalances();
        } finally {
            AgentProcesses.kill(agent);
            if (market != null) {
                market.close();
            }
        }
    }

    private static String podJson(String hostId, String name) {
        return "{\"name\":\"" + name + "\",\"image\":\"busybox:1.36\",\"gpu_count\":1,\"offer_id\":\"" + hostId
                + "\",\"disk_gb\":10}";
    }

    /** The new pod's id, or null when the marketplace refused (503 while live state is down). */
    private static String create(MarketplaceProcess m, Org renter, String hostId, String name) throws Exception {
        HttpResponse<String> created = m.post("/v1/pods", renter.key(), podJson(hostId, name));
        return created.statusCode() == 201 ? JSON.readTree(created.body()).path("id").asText() : null;
    }

    private static void awaitPod(MarketplaceProcess m, Org renter, String podId, String state) throws Exception {
        AgentProcesses.await("pod " + podId + " " + state, Duration.ofSeconds(60), () -> {
            JsonNode pod = JSON.readTree(m.get("/v1/pods/" + podId, renter.key()).body());
            return pod.path("state").asText().equals(state) ? pod : null;
        }, m::log);
    }
}
