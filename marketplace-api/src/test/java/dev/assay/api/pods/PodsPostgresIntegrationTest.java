package dev.assay.api.pods;

import static dev.assay.api.pods.PodsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.testing.MarketRows;
import dev.assay.api.testing.PostgresSchema;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placement and interruptible clearing on a real PostgreSQL, in a schema of its own: the database is the
 * arbiter of racing placements, and the bid book moves pods as bids come and go.
 */
class PodsPostgresIntegrationTest {

    static final String HOLDING = "state IN (" + PodState.gpuHoldingSqlList() + ")";

    static PostgresSchema schema;
    static EmbeddedServer server;
    static PodsHttp http;
    static MarketRows rows;
    static MarketIndex index;

    @BeforeAll
    static void start() {
        schema = PostgresSchema.create("pods");
        server = ApplicationContext.run(EmbeddedServer.class, schema.application(Map.of(
                "datasources.default.maximum-pool-size", 16,
                "pods-test.recording-settlement", true)), "test");
        http = new PodsHttp(server);
        rows = new MarketRows(server.getApplicationContext().getBean(DataSource.class));
        index = server.getApplicationContext().getBean(MarketIndex.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void twoHundredRacingPlacementsForAHundredGpusPlaceExactlyAHundredAndNeverTheSameGpuTwice() throws Exception {
        String region = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String hostOrg = rows.hostOrganisation("Race Hosts");
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            MarketRows.HostSpec spec = rows.host(hostOrg);
            spec.region = region;
            hosts.add(spec.insert());
        }
        index.refresh(hosts);
        String key = http.signUp("Racers")[1];
        String body = "{\"name\":\"racer\",\"image\":\"ubuntu:24.04\",\"gpu_count\":1,\"disk_gb\":10,"
                + "\"requirements\":{\"regions\":[\"" + region + "\"]}}";

        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(200)) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(clients.submit(() -> http.send("POST", "/v1/pods", key, body)));
            }
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
        }

        long placed = answers.stream().filter(a -> a.statusCode() == 201).count();
        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() != 201).toList();
        assertThat(placed).isEqualTo(100);
        assertThat(refused).hasSize(100).allSatisfy(a -> {
            assertThat(a.statusCode()).as(a.body()).isEqualTo(409);
            assertThat(json(a).path("type").asText()).isEqualTo("https://assay.dev/problems/no-capacity");
            assertThat(json(a).path("eliminated_by").path("gpu-count").asInt()).as(a.body()).isPositive();
        });
        String onTheseHosts = " AND host_id IN (SELECT id FROM hosts WHERE region = '" + region + "')";
        assertThat(count("SELECT COUNT(*) FROM pods WHERE " + HOLDING + onTheseHosts)).isEqualTo(100);
        assertThat(count("SELECT COUNT(*) FROM (SELECT host_id, gpu_indices FROM pods WHERE " + HOLDING + onTheseHosts
                + " GROUP BY host_id, gpu_indices HAVING COUNT(*) > 1) twice")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pods WHERE " + HOLDING + onTheseHosts
                + " AND CAST(gpu_indices AS INTEGER) NOT BETWEEN 0 AND 3")).isZero();
        assertThat(count("SELECT COUNT(DISTINCT host_id) FROM pods WHERE " + HOLDING + onTheseHosts)).isEqualTo(25);
        assertThat(hosts).allSatisfy(h -> assertThat(index.snapshot().host(h).orElseThrow().freeGpuCount()).isZero());
    }

    @Test
    void aHigherBidPreemptsALowerOneWhichKeepsItsDiskAndResumesWhenTheHigherStops() {
        String hostOrg = rows.hostOrganisation("Bid Hosts");
        MarketRows.HostSpec spec = rows.host(hostOrg);
        spec.gpus = 1;
        String host = spec.insert();
        index.refresh(host);
        String key = http.signUp("Bidders")[1];
        PodLifecycle lifecycle = server.getApplicationContext().getBean(PodLifecycle.class);
        RecordingSettlement settlement = server.getApplicationContext().getBean(RecordingSettlement.class);

        String low = http.place(key, PodsHttp.interruptible(host, 1, "0.25")).path("id").asText();
        lifecycle.reportState(low, PodState.RUNNING, "running");
        JsonNode high = http.place(key, PodsHttp.interruptible(host, 1, "0.50"));

        assertThat(high.path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(high.path("gpu_indices").toString()).isEqualTo("[0]");
        JsonNode preempted = http.pod(key, low);
        assertThat(preempted.path("state").asText()).isEqualTo("PREEMPTED");
        assertThat(preempted.path("gpu_indices").size()).isZero();
        assertThat(preempted.path("host_id").asText()).isEqualTo(host);
        assertThat(lastReason(preempted)).contains("outbid by " + high.path("id").asText());
        // Settled before it left RUNNING (once when its host's book changed, again at the transition).
        assertThat(settlement.of(low)).isNotEmpty();
        assertThat(count("SELECT COUNT(*) FROM bids WHERE pod_id = '" + low + "'")).isOne();
        assertThat(index.snapshot().host(host).orElseThrow().free().diskGb()).isEqualTo(2000 - 40 - 40);

        String highId = high.path("id").asText();
        assertThat(http.send("POST", "/v1/pods/" + highId + "/stop", key, null).statusCode()).isEqualTo(200);
        assertThat(http.pod(key, low).path("state").asText()).isEqualTo("PREEMPTED");
        lifecycle.reportState(highId, PodState.STOPPED, "container stopped");

        JsonNode resumed = http.pod(key, low);
        assertThat(resumed.path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(resumed.path("gpu_indices").toString()).isEqualTo("[0]");
        assertThat(http.pod(key, highId).path("state").asText()).isEqualTo("STOPPED");
        assertThat(count("SELECT COUNT(*) FROM bids WHERE pod_id = '" + highId + "'")).isZero();

        // A raise keeps it running; a cut below the host's minimum bid preempts it.
        HttpResponse<String> cut = http.send("PUT", "/v1/pods/" + low + "/bid", key, "{\"bid_per_gpu_hour\":\"0.10\"}");
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
        assertThat(json(cut).path("state").asText()).isEqualTo("PREEMPTED");
        assertThat(lastReason(http.pod(key, low))).contains("below the host's minimum");
    }

    private static String lastReason(JsonNode pod) {
        JsonNode events = pod.path("events");
        return events.get(events.size() - 1).path("reason").asText();
    }

    private static long count(String sql) {
        try (Connection c = schema.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

}
