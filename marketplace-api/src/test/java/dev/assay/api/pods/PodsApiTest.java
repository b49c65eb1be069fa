package dev.assay.api.pods;

import static dev.assay.api.pods.PodsHttp.assertProblem;
import static dev.assay.api.pods.PodsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.testing.MarketRows;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/pods} on H2: validation per field, the lifecycle through the scripted agent, 409s, 404s, scopes. */
@MicronautTest(transactional = false)
@Property(name = "pods-test.recording-settlement", value = "true")
class PodsApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    MarketIndex index;

    @Inject
    PodLifecycle lifecycle;

    @Inject
    ScriptedAgentGateway agent;

    @Inject
    RecordingSettlement settlement;

    PodsHttp http;
    MarketRows rows;
    String orgId;
    String key;
    String host;

    @BeforeEach
    void setUp() {
        http = new PodsHttp(server);
        rows = new MarketRows(dataSource);
        String[] org = http.signUp("Renter");
        orgId = org[0];
        key = org[1];
        host = rows.host(rows.hostOrganisation("Hoster")).insert();
        index.refresh(host);
    }

    @Test
    void everyInvalidFieldIsNamedInOneValidationProblem() {
        HttpResponse<String> response = http.send("POST", "/v1/pods", key, "{\"name\":\"\",\"image\":\"Ubuntu//x\","
                + "\"gpu_count\":0,\"type\":\"SPOT\",\"env\":{\"1BAD\":\"x\"},\"ports\":[\"70000/tcp\"],"
                + "\"disk_gb\":0,\"cpu_cores\":4,\"cpu_cores_per_gpu\":2}");

        JsonNode problem = assertProblem(response, 400, "validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("name", "image", "gpu_count", "type", "env", "ports[0]", "disk_gb", "cpu_cores");

        JsonNode bidOnDemand = assertProblem(http.send("POST", "/v1/pods", key, "{\"name\":\"a\",\"image\":\"ubuntu\","
                + "\"gpu_count\":1,\"bid_per_gpu_hour\":\"0.5\"}"), 400, "validation");
        assertThat(bidOnDemand.path("errors").get(0).path("field").asText()).isEqualTo("bid_per_gpu_hour");
        JsonNode noBid = assertProblem(http.send("POST", "/v1/pods", key, "{\"name\":\"a\",\"image\":\"ubuntu\","
                + "\"gpu_count\":1,\"type\":\"INTERRUPTIBLE\"}"), 400, "validation");
        assertThat(noBid.path("errors").get(0).path("field").asText()).isEqualTo("bid_per_gpu_hour");
        JsonNode both = assertProblem(http.send("POST", "/v1/pods", key, "{\"name\":\"a\",\"image\":\"ubuntu\","
                + "\"gpu_count\":1,\"offer_id\":\"" + host + "\",\"requirements\":{}}"), 400, "validation");
        assertThat(both.path("errors").get(0).path("field").asText()).isEqualTo("offer_id");
        assertThat(count("SELECT COUNT(*) FROM pods WHERE org_id = '" + orgId + "'")).isZero();
    }

    @Test
    void aPodGoesFromPlacementToRunningToStoppedAndBackAndIsDeleted() {
        JsonNode placed = http.place(key, PodsHttp.onDemand(host, 2));
        String pod = placed.path("id").asText();
        assertThat(placed.path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(placed.path("host_id").asText()).isEqualTo(host);
        assertThat(placed.path("gpu_indices").toString()).isEqualTo("[0,1]");
        assertThat(placed.path("price_per_hour").path("micros").asLong()).isGreaterThan(800_000L);
        assertThat(agent.launchesOf(pod)).singleElement().satisfies(l -> {
            assertThat(l.gpuIndices()).containsExactly(0, 1);
            assertThat(l.simulated()).isTrue();
        });
        assertThat(index.snapshot().host(host).orElseThrow().freeGpuCount()).isEqualTo(2);

        lifecycle.reportState(pod, PodState.STARTING, "pulling");
        lifecycle.reportState(pod, PodState.RUNNING, "running");
        JsonNode running = http.pod(key, pod);
        assertThat(running.path("state").asText()).isEqualTo("RUNNING");
        assertThat(running.path("running_since").asText()).isNotBlank();
        assertThat(running.path("cost_so_far").path("micros").asLong()).isZero();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE id = '" + pod + "' AND billed_until IS NOT NULL")).isOne();

        HttpResponse<String> stop = http.send("POST", "/v1/pods/" + pod + "/stop", key, null);
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(json(stop).path("state").asText()).isEqualTo("STOPPING");
        assertThat(settlement.of(pod)).hasSize(1);
        assertThat(agent.stopsOf(pod)).singleElement().satisfies(s -> assertThat(s.expectStopped()).isTrue());
        lifecycle.reportState(pod, PodState.STOPPED, "container stopped");

        JsonNode stopped = http.pod(key, pod);
        assertThat(stopped.path("state").asText()).isEqualTo("STOPPED");
        assertThat(stopped.path("gpu_indices").size()).isZero();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE id = '" + pod + "' AND billed_until IS NULL")).isOne();
        List<String> states = new ArrayList<>();
        stopped.path("events").forEach(e -> states.add(e.path("to").asText()));
        assertThat(states).containsExactly("PENDING", "SCHEDULED", "STARTING", "RUNNING", "STOPPING", "STOPPED");
        assertThat(index.snapshot().host(host).orElseThrow().freeGpuCount()).isEqualTo(4);

        HttpResponse<String> start = http.send("POST", "/v1/pods/" + pod + "/start", key, null);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        assertThat(json(start).path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(agent.launchesOf(pod)).hasSize(2);

        HttpResponse<String> deleted = http.send("DELETE", "/v1/pods/" + pod, key, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted).path("state").asText()).isEqualTo("TERMINATED");
        assertThat(index.snapshot().host(host).orElseThrow().free().diskGb()).isEqualTo(2000);
        assertThat(count("SELECT COUNT(*) FROM pods WHERE org_id = '" + orgId + "' AND state = 'TERMINATED'")).isOne();
    }

    @Test
    void theListPagesNewestFirstWithACursorThatNeverRepeatsOrSkipsAPod() {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText());
        }

        JsonNode first = json(http.send("GET", "/v1/pods?limit=2", key, null));
        JsonNode second = json(http.send("GET", "/v1/pods?limit=2&cursor=" + first.path("next_cursor").asText(), key,
                null));

        List<String> listed = new ArrayList<>();
        List<java.time.Instant> created = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.path("items").forEach(p -> {
                listed.add(p.path("id").asText());
                created.add(java.time.Instant.parse(p.path("created_at").asText()));
            });
        }
        assertThat(first.path("items")).hasSize(2);
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.has("next_cursor")).isFalse();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(placed);
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertProblem(http.send("GET", "/v1/pods?cursor=not-a-cursor", key, null), 400, "validation");
        assertProblem(http.send("GET", "/v1/pods?limit=201", key, null), 400, "validation");
    }

    @Test
    void illegalTransitionsAreConflictsThatChangeNothing() {
        String pod = http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText();

        assertProblem(http.send("POST", "/v1/pods/" + pod + "/start", key, null), 409, "conflict");
        assertProblem(http.send("PUT", "/v1/pods/" + pod + "/bid", key, "{\"bid_per_gpu_hour\":\"0.9\"}"), 409,
                "conflict");
        lifecycle.reportState(pod, PodState.RUNNING, "running");
        assertThat(http.send("POST", "/v1/pods/" + pod + "/stop", key, null).statusCode()).isEqualTo(200);
        JsonNode twice = assertProblem(http.send("POST", "/v1/pods/" + pod + "/stop", key, null), 409, "conflict");
        assertThat(twice.path("detail").asText()).contains("STOPPING");
        assertThat(http.send("DELETE", "/v1/pods/" + pod, key, null).statusCode()).isEqualTo(200);
        assertProblem(http.send("DELETE", "/v1/pods/" + pod, key, null), 409, "conflict");

        assertThat(http.pod(key, pod).path("state").asText()).isEqualTo("TERMINATED");
        assertThat(count("SELECT COUNT(*) FROM pod_events WHERE pod_id = '" + pod + "'")).isEqualTo(5);
    }

    @Test
    void anotherOrganisationsPodIsNotFoundAndKeysNeedTheirScopes() {
        String pod = http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText();
        String otherKey = http.signUp("Other")[1];

        assertProblem(http.send("GET", "/v1/pods/" + pod, otherKey, null), 404, "not-found");
        assertProblem(http.send("POST", "/v1/pods/" + pod + "/stop", otherKey, null), 404, "not-found");
        assertProblem(http.send("DELETE", "/v1/pods/" + pod, otherKey, null), 404, "not-found");
        assertThat(json(http.send("GET", "/v1/pods", otherKey, null)).path("items").size()).isZero();

        String reader = http.createKey(key, "read");
        assertThat(http.send("GET", "/v1/pods?state=scheduled", reader, null).statusCode()).isEqualTo(200);
        assertThat(json(http.send("GET", "/v1/pods?state=SCHEDULED", reader, null)).path("items").get(0)
                .path("id").asText()).isEqualTo(pod);
        assertProblem(http.send("POST", "/v1/pods", reader, PodsHttp.onDemand(host, 1)), 403, "forbidden");
        assertProblem(http.send("DELETE", "/v1/pods/" + pod, reader, null), 403, "forbidden");
        assertProblem(http.send("GET", "/v1/pods?state=NAPPING", key, null), 400, "validation");
        assertProblem(http.send("GET", "/v1/pods", null, null), 401, "unauthenticated");
    }

    @Test
    void noCapacityNamesTheRulesThatEliminatedHosts() {
        String region = "region-" + UUID.randomUUID().toString().substring(0, 8);
        rows.execute("UPDATE hosts SET region = ? WHERE id = ?", region, host);
        index.refresh(host);

        JsonNode problem = assertProblem(http.send("POST", "/v1/pods", key, "{\"name\":\"big\",\"image\":\"ubuntu:24.04\","
                + "\"gpu_count\":8,\"requirements\":{\"regions\":[\"" + region + "\"]}}"), 409, "no-capacity");

        // Hosts of this class's other tests sit in other regions: gpu-count is checked first, so all count there.
        assertThat(problem.path("eliminated_by").path("gpu-count").asInt()).isPositive();
        assertThat(problem.path("eliminated_by").path("location").asInt()).isZero();
        assertThat(problem.path("detail").asText()).startsWith("no host fits");
        assertThat(count("SELECT COUNT(*) FROM pods WHERE org_id = '" + orgId + "'")).isZero();
    }

    @Test
    void aQueryInTheOfferLanguageChoosesAmongTheHostsItMatches() {
        String region = "q-" + UUID.randomUUID().toString().substring(0, 8);
        rows.execute("UPDATE hosts SET region = ? WHERE id = ?", region, host);
        index.refresh(host);

        JsonNode placed = http.place(key, "{\"name\":\"q\",\"image\":\"ubuntu\",\"gpu_count\":1,"
                + "\"requirements\":{\"query\":\"region=" + region + " gpu_ram>=24\"}}");
        JsonNode problem = assertProblem(http.send("POST", "/v1/pods", key, "{\"name\":\"q\",\"image\":\"ubuntu\","
                + "\"gpu_count\":1,\"requirements\":{\"query\":\"region=" + region + " gpu_ram>=80\"}}"), 409,
                "no-capacity");
        JsonNode unreadable = assertProblem(http.send("POST", "/v1/pods", key, "{\"name\":\"q\",\"image\":\"ubuntu\","
                + "\"gpu_count\":1,\"requirements\":{\"query\":\"gpu_rma>=24\"}}"), 400, "validation");

        assertThat(placed.path("host_id").asText()).isEqualTo(host);
        assertThat(problem.path("eliminated_by").path("query").asInt()).isPositive();
        assertThat(problem.path("detail").asText()).contains("do not match the query");
        assertThat(unreadable.path("errors").get(0).path("field").asText()).isEqualTo("requirements.query");
    }

    @Test
    void theCommitChecksTheRowsNotTheIndexSoAStaleIndexNeverDoubleBooks() {
        // Another instance placed a pod on every GPU of the host; this instance's index has not seen it yet.
        java.sql.Timestamp t = java.sql.Timestamp.from(java.time.Instant.EPOCH);
        rows.execute("INSERT INTO pods (id, org_id, name, image, pod_type, state, host_id, gpu_count, gpu_indices,"
                + " cpu_cores, ram_gb, disk_gb, created_at, updated_at) VALUES (?, ?, 'elsewhere', 'ubuntu',"
                + " 'ON_DEMAND', 'RUNNING', ?, 4, '0,1,2,3', 4, 16, 10, ?, ?)", "pod_other" + host, orgId, host, t, t);
        assertThat(index.snapshot().host(host).orElseThrow().freeGpuCount()).isEqualTo(4);

        JsonNode problem = assertProblem(http.send("POST", "/v1/pods", key, PodsHttp.onDemand(host, 1)), 409,
                "no-capacity");

        assertThat(problem.path("eliminated_by").path("gpu-count").asInt()).isOne();
        assertThat(index.snapshot().host(host).orElseThrow().freeGpuCount()).isZero();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE host_id = '" + host + "'")).isOne();

        // The same for disk: the rows say it is taken, the index still offers it.
        rows.execute("UPDATE pods SET state = 'STOPPED', gpu_indices = '', disk_gb = 1940 WHERE id = ?",
                "pod_other" + host);
        index.refresh(host);
        assertThat(index.snapshot().host(host).orElseThrow().free().diskGb()).isEqualTo(60);
        rows.execute("UPDATE pods SET disk_gb = 1999 WHERE id = ?", "pod_other" + host);

        JsonNode noDisk = assertProblem(http.send("POST", "/v1/pods", key, PodsHttp.onDemand(host, 1)), 409,
                "no-capacity");
        assertThat(noDisk.path("eliminated_by").path("cpu-ram-disk").asInt()).isOne();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE host_id = '" + host + "'")).isOne();
    }

    @Test
    void theSimulatedAgentDrivesAPodToRunningAndStoppedThroughTheLifecycle() throws InterruptedException {
        SimulatedAgentGateway simulated = new SimulatedAgentGateway(() -> lifecycle);
        String pod = http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText();

        simulated.startPod(agent.launchesOf(pod).getFirst());
        awaitState(pod, "RUNNING");
        http.send("POST", "/v1/pods/" + pod + "/stop", key, null);
        simulated.stopPod(agent.stopsOf(pod).getFirst());
        awaitState(pod, "STOPPED");

        List<String> states = new ArrayList<>();
        http.pod(key, pod).path("events").forEach(e -> states.add(e.path("to").asText()));
        assertThat(states).containsExactly("PENDING", "SCHEDULED", "STARTING", "RUNNING", "STOPPING", "STOPPED");
    }

    private void awaitState(String pod, String state) throws InterruptedException {
        for (int i = 0; i < 100 && !http.pod(key, pod).path("state").asText().equals(state); i++) {
            Thread.sleep(50);
        }
        assertThat(http.pod(key, pod).path("state").asText()).isEqualTo(state);
    }

    @Test
    void raisingAWaitingBidAboveTheRunningOnePreemptsItAndStoppingAPreemptedPodWithdrawsItsBid() {
        MarketRows.HostSpec spec = rows.host(rows.hostOrganisation("One GPU"));
        spec.gpus = 1;
        String small = spec.insert();
        index.refresh(small);
        String first = http.place(key, PodsHttp.interruptible(small, 1, "0.30")).path("id").asText();
        JsonNode second = http.place(key, PodsHttp.interruptible(small, 1, "0.25"));
        assertThat(second.path("state").asText()).isEqualTo("PENDING");
        String waiting = second.path("id").asText();

        HttpResponse<String> raised = http.send("PUT", "/v1/pods/" + waiting + "/bid", key,
                "{\"bid_per_gpu_hour\":\"0.40\"}");

        assertThat(json(raised).path("state").asText()).as(raised.body()).isEqualTo("SCHEDULED");
        assertThat(http.pod(key, first).path("state").asText()).isEqualTo("PREEMPTED");
        assertThat(agent.stopsOf(first)).singleElement().satisfies(s -> assertThat(s.expectStopped()).isFalse());

        assertThat(json(http.send("POST", "/v1/pods/" + first + "/stop", key, null)).path("state").asText())
                .isEqualTo("STOPPED");
        assertThat(count("SELECT COUNT(*) FROM bids WHERE pod_id = '" + first + "'")).isZero();
        http.send("DELETE", "/v1/pods/" + waiting, key, null);
        assertThat(http.pod(key, first).path("state").asText()).isEqualTo("STOPPED");
    }

    @Test
    void onDemandPreemptsAnInterruptiblePodWhichResumesWhenTheGpusFreeUp() {
        String spot = http.place(key, PodsHttp.interruptible(host, 4, "0.30")).path("id").asText();
        lifecycle.reportState(spot, PodState.RUNNING, "running");

        String demand = http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText();

        JsonNode preempted = http.pod(key, spot);
        assertThat(preempted.path("state").asText()).isEqualTo("PREEMPTED");
        assertThat(preempted.path("events").get(preempted.path("events").size() - 1).path("reason").asText())
                .contains("on-demand").contains(demand);
        // Settled before it left RUNNING (once when its host's book changed, again at the transition).
        assertThat(settlement.of(spot)).isNotEmpty();
        assertThat(count("SELECT COUNT(*) FROM bids WHERE pod_id = '" + spot + "'")).isOne();

        http.send("DELETE", "/v1/pods/" + demand, key, null);

        JsonNode resumed = http.pod(key, spot);
        assertThat(resumed.path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(resumed.path("gpu_indices").toString()).isEqualTo("[0,1,2,3]");
    }

    @Test
    void theBalanceGuardStopsAPodKeepingItsDiskAndNamingTheGuard() {
        String pod = http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText();
        lifecycle.reportState(pod, PodState.RUNNING, "running");

        lifecycle.stopForBalance(pod, "balance covers less than the next metering pass");

        JsonNode stopping = http.pod(key, pod);
        assertThat(stopping.path("state").asText()).isEqualTo("STOPPING");
        assertThat(stopping.path("events").get(stopping.path("events").size() - 1).path("reason").asText())
                .startsWith("balance guard: ");
        assertThat(settlement.of(pod)).hasSize(1);
        lifecycle.reportState(pod, PodState.STOPPED, "container stopped");
        assertThat(http.pod(key, pod).path("state").asText()).isEqualTo("STOPPED");
        assertThat(index.snapshot().host(host).orElseThrow().free().diskGb()).isEqualTo(2000 - 50);
    }

    @Test
    void aLostHostMakesItsPodsLostAfterSettlingTheirRunningTime() {
        String running = http.place(key, PodsHttp.onDemand(host, 1)).path("id").asText();
        String scheduled = http.place(key, PodsHttp.onDemand(host, 2)).path("id").asText();
        lifecycle.reportState(running, PodState.RUNNING, "running");
        rows.execute("UPDATE hosts SET status = 'OFFLINE' WHERE id = ?", host);

        lifecycle.hostLost(host);

        assertThat(http.pod(key, running).path("state").asText()).isEqualTo("LOST");
        assertThat(http.pod(key, scheduled).path("state").asText()).isEqualTo("LOST");
        assertThat(settlement.of(running)).hasSize(1);
        assertThat(settlement.of(scheduled)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE host_id = '" + host + "' AND gpu_indices <> ''")).isZero();
        assertThat(index.snapshot().host(host)).isEmpty();
    }

    @Test
    void changesThatKeepAPodRunningNeverOverwriteWhatMeteringWrote() {
        String pod = http.place(key, PodsHttp.interruptible(host, 1, "0.30")).path("id").asText();
        lifecycle.reportState(pod, PodState.RUNNING, "running");
        java.sql.Timestamp metered = java.sql.Timestamp.from(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        rows.execute("UPDATE pods SET billed_until = ?, meter_remainder = 7 WHERE id = ?", metered, pod);

        HttpResponse<String> raised = http.send("PUT", "/v1/pods/" + pod + "/bid", key, "{\"bid_per_gpu_hour\":\"0.45\"}");

        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        assertThat(json(raised).path("state").asText()).isEqualTo("RUNNING");
        assertThat(json(raised).path("bid_per_gpu_hour").path("micros").asLong()).isEqualTo(450_000);
        assertThat(count("SELECT COUNT(*) FROM pods WHERE id = '" + pod + "' AND meter_remainder = 7"
                + " AND billed_until = TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00'")).isOne();
    }

    private long count(String sql) {
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
