package dev.assay.interop;

import static dev.assay.interop.MarketplaceProcess.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.interop.MarketplaceProcess.Org;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three production instances (PostgreSQL and Redis shared) with agents spread across them: a pod created through
 * any instance reaches its agent on another; one instance killed with SIGKILL mid-run → its agent reconnects to
 * another within 15 s, no pod is lost or placed twice, commands still find the agent, and the ledger balances.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MultiInstanceInteropTest {

    private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path work;

    @Test
    void podsReachAgentsOnOtherInstancesAndSurviveLosingAnInstance() throws Exception {
        List<MarketplaceProcess> instances = new ArrayList<>();
        List<Process> agents = new ArrayList<>();
        try (ScaleOutServices services = ScaleOutServices.start(work)) {
            // The first start makes the shared CA and the schema; the others find both.
            for (String name : List.of("a", "b", "c")) {
                Files.createDirectories(work.resolve(name));
                instances.add(MarketplaceProcess.start(work.resolve(name), services.instanceEnvironment(),
                        ScaleOutServices.instanceProperties()));
            }
            MarketplaceProcess a = instances.get(0);
            MarketplaceProcess b = instances.get(1);
            MarketplaceProcess c = instances.get(2);
            Path ca = work.resolve("ca.pem");
            Files.writeString(ca, a.get("/v1/agents/ca.pem", null).body());

            // Three machines, each first dialling another instance (and the rest in turn).
            Org owner = a.signUp("Scale Hosts");
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path identity = work.resolve("rig-" + i);
                String token = instances.get(i).enrollmentToken(owner.key(), "{\"region\":\"eu-west\"}");
                assertThat(AgentProcesses.enroll(target(instances.get(i)), token, ca, identity)).isZero();
                hosts.add(AgentProcesses.hostId(identity));
                String targets = String.join(",", target(instances.get(i)), target(instances.get((i + 1) % 3)),
                        target(instances.get((i + 2) % 3)));
                agents.add(AgentProcesses.run(targets, identity, work.resolve("agent-" + i + ".log"), "1x RTX_4090"));
            }
            for (String hostId : hosts) {
                AgentProcesses.await(hostId + " measured and verified", Duration.ofSeconds(90), () -> {
                    JsonNode host = JSON.readTree(c.get("/v1/hosts/" + hostId, owner.key()).body());
                    return host.path("verification").asText().equals("VERIFIED") ? host : null;
                }, () -> logs(instances));
                HttpResponse<String> listed = b.put("/v1/hosts/" + hostId + "/offer", owner.key(),
                        "{\"on_demand_per_gpu_hour\":\"0.60\",\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":1,"
                                + "\"storage_per_gb_month\":\"0.10\"}");
                assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            }

            // Each pod created through an instance that does not hold its host's agent: the command is routed.
            Org renter = b.signUp("Scale Renters");
            HttpResponse<String> credited = c.post("/v1/billing/credits", ScaleOutServices.OPERATOR_KEY,
                    "{\"org_id\":\"" + renter.id() + "\",\"amount\":\"20\",\"reference\":\"scale-1\"}");
            assertThat(credited.statusCode()).as(credited.body()).isIn(200, 201);
            List<String> pods = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                MarketplaceProcess through = instances.get((i + 1) % 3);
                String hostId = hosts.get(i);
                String name = "p" + i;
                HttpResponse<String> created = AgentProcesses.await("the market index of " + through.httpPort
                        + " knowing " + hostId, Duration.ofSeconds(30), () -> {
                            HttpResponse<String> answer = through.post("/v1/pods", renter.key(), "{\"name\":\"" + name
                                    + "\",\"image\":\"busybox:1.36\",\"gpu_count\":1,\"offer_id\":\"" + hostId
                                    + "\",\"disk_gb\":10}");
                            return answer.statusCode() == 201 ? answer : null;
                        }, () -> logs(instances));
                pods.add(JSON.readTree(created.body()).path("id").asText());
            }
            for (String podId : pods) {
                awaitPod(a, renter, podId, "RUNNING", instances);
            }

            // Instance a dies mid-run; rig-0's agent was on it.
            Instant killed = Instant.now();
            a.kill();
            List<MarketplaceProcess> survivors = List.of(b, c);
            AgentProcesses.await("rig-0's agent on another instance", RECONNECT_LIMIT.plusSeconds(5), () -> {
                for (MarketplaceProcess instance : survivors) {
                    JsonNode host = JSON.readTree(instance.get("/v1/hosts/" + hosts.get(0), owner.key()).body());
                    if (host.path("agent").path("connected").asBoolean()) {
                        return true;
                    }
                }
                return null;
            }, () -> logs(survivors) + AgentProcesses.tails(work.resolve("agent-0.log")));
            Duration reconnect = Duration.between(killed, Instant.now());
            System.out.printf("scale-out: rig-0's agent reconnected to another instance %d ms after SIGKILL%n",
                    reconnect.toMillis());
            assertThat(reconnect).isLessThanOrEqualTo(RECONNECT_LIMIT);

            // Past the agents' offline grace (10 s + 10 s): nothing was lost.
            Thread.sleep(12_000);
            for (String hostId : hosts) {
                assertThat(JSON.readTree(b.get("/v1/hosts/" + hostId, owner.key()).body()).path("status").asText())
                        .as(hostId).isEqualTo("ONLINE");
            }
            for (String podId : pods) {
                assertThat(JSON.readTree(c.get("/v1/pods/" + podId, renter.key()).body()).path("state").asText())
                        .as(podId).isEqualTo("RUNNING");
            }
            // A command for rig-0 through c reaches its agent wherever it is now.
            HttpResponse<String> stopped = c.post("/v1/pods/" + pods.get(0) + "/stop", renter.key(), "{}");
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            awaitPod(b, renter, pods.get(0), "STOPPED", survivors);

            services.assertNoGpuHeldTwice();
            assertThat(services.count("SELECT COUNT(*) FROM pods")).isEqualTo(3);
            assertThat(services.count("SELECT COUNT(*) FROM pods WHERE state = 'LOST'")).isZero();
            services.assertLedgerBalances();
            assertThat(services.count("SELECT COUNT(*) FROM ledger_transfers WHERE transfer_kind = 'USAGE'"))
                    .as("the running pods were metered").isPositive();
        } finally {
            for (Process agent : agents) {
                AgentProcesses.kill(agent);
            }
            for (MarketplaceProcess instance : instances) {
                instance.close();
            }
        }
    }

    private static String target(MarketplaceProcess instance) {
        return "localhost:" + instance.grpcPort;
    }

    private static void awaitPod(MarketplaceProcess through, Org renter, String podId, String state,
            List<MarketplaceProcess> instances) throws Exception {
        AgentProcesses.await("pod " + podId + " " + state, Duration.ofSeconds(60), () -> {
            JsonNode pod = JSON.readTree(through.get("/v1/pods/" + podId, renter.key()).body());
            return pod.path("state").asText().equals(state) ? pod : null;
        }, () -> logs(instances));
    }

    private static String logs(List<MarketplaceProcess> instances) {
        StringBuilder text = new StringBuilder();
        for (MarketplaceProcess instance : instances) {
            text.append("--- instance :").append(instance.httpPort).append('\n').append(instance.log()).append('\n');
        }
        return text.toString();
    }
}
