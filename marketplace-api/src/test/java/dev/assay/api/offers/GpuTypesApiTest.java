package dev.assay.api.offers;

import static dev.assay.api.hosts.HostsHttp.assertProblem;
import static dev.assay.api.hosts.HostsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostsHttp;
import dev.assay.api.hosts.Machines;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.testing.MarketRows;
import dev.assay.reputation.score.MeasuredFigures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/gpu-types}: per model, listed offers and price percentiles, GPUs available and held, utilisation
 * and the winning bid (of an interruptible pod that holds GPUs, not of one waiting).
 */
@MicronautTest(transactional = false)
class GpuTypesApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    HostRegistry registry;

    @Inject
    MarketIndex index;

    @Inject
    DataSource dataSource;

    @Test
    void aGpuModelShowsItsPricesUsageAndWinningBid() {
        HostsHttp http = new HostsHttp(server);
        MarketRows rows = new MarketRows(dataSource);
        String renter = rows.hostOrganisation("renter");
        String[] hosts = new String[3];
        String[] prices = {"1.00", "2.00", "3.00"};
        for (int i = 0; i < 3; i++) {
            hosts[i] = registry.register(http.orgId, Machines.machine("NVIDIA L40S", 2, 48,
                    new MeasuredFigures(300, 700, 60, 25)));
            registry.listOffer(http.orgId, hosts[i], Machines.offer(prices[i]));
        }
        registry.register(http.orgId, Machines.machine("NVIDIA L40S", 2, 48, new MeasuredFigures(300, 700, 60, 25)));
        pod(rows, renter, hosts[0], "ON_DEMAND", "RUNNING", "0", null);
        pod(rows, renter, hosts[1], "INTERRUPTIBLE", "RUNNING", "1", 900_000L);
        pod(rows, renter, hosts[2], "INTERRUPTIBLE", "PREEMPTED", "", 1_500_000L);
        index.reloadAll();

        HttpResponse<String> response = http.get("/v1/gpu-types", http.keyWithScopes("read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode l40s = null;
        for (JsonNode type : json(response).path("items")) {
            if (type.path("gpu_model").asText().equals("L40S")) {
                l40s = type;
            }
        }
        assertThat(l40s).as(response.body()).isNotNull();
        assertThat(l40s.path("gpu_name").asText()).isEqualTo("L40S");
        assertThat(l40s.path("listed_offers").asInt()).isEqualTo(3);
        assertThat(l40s.path("total_gpus").asLong()).isEqualTo(8);
        assertThat(l40s.path("held_gpus").asLong()).isEqualTo(2);
        assertThat(l40s.path("utilisation").asDouble()).isEqualTo(0.25);
        assertThat(l40s.path("available_gpus").asInt()).isEqualTo(5);
        assertThat(l40s.path("p50_per_gpu_hour").path("dollars").asText()).isEqualTo("2.000000");
        assertThat(l40s.path("p10_per_gpu_hour").path("micros").asLong()).isBetween(1_000_000L, 2_000_000L);
        assertThat(l40s.path("p90_per_gpu_hour").path("micros").asLong()).isBetween(2_000_000L, 3_000_000L);
        assertThat(l40s.path("winning_bid_per_gpu_hour").path("dollars").asText()).isEqualTo("0.900000");
        assertThat(l40s.path("simulated_gpus").asLong()).isEqualTo(8);
        assertProblem(http.get("/v1/gpu-types", null), 401, "unauthenticated");
    }

    private static void pod(MarketRows rows, String renter, String hostId, String type, String state, String gpus,
            Long bidMicros) {
        String podId = "pod_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        rows.execute("INSERT INTO pods (id, org_id, name, image, pod_type, state, host_id, gpu_count, gpu_indices,"
                + " cpu_cores, ram_gb, disk_gb, bid_micros, created_at, updated_at) VALUES (?, ?, 'p', 'img', ?, ?, ?,"
                + " 1, ?, 1, 1, 1, ?, ?, ?)", podId, renter, type, state, hostId, gpus, bidMicros,
                Timestamp.from(Instant.EPOCH), Timestamp.from(Instant.EPOCH));
        if (bidMicros != null) {
            rows.execute("INSERT INTO bids (pod_id, host_id, org_id, gpus, bid_micros, sequence, placed_at)"
                    + " VALUES (?, ?, ?, 1, ?, 1, ?)", podId, hostId, renter, bidMicros, Timestamp.from(Instant.EPOCH));
        }
    }
}
