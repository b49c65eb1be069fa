package dev.assay.api.hosts;

import static dev.assay.api.hosts.HostsHttp.assertProblem;
import static dev.assay.api.hosts.HostsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.testing.PostgresSchema;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hosts and offers on a real PostgreSQL (its own schema, dropped afterwards): the registry's SQL, timestamps and
 * nulls, the offer endpoints, search through the index, gpu-types, earnings and price advice.
 */
class HostsOffersPostgresIntegrationTest {

    static PostgresSchema schema;
    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        schema = PostgresSchema.create("hosts");
        server = ApplicationContext.run(EmbeddedServer.class, schema.application(Map.of("micronaut.server.port", -1)),
                "test");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aHostIsRegisteredListedFoundPricedAndUnlistedOnPostgres() {
        HostsHttp http = new HostsHttp(server);
        HostRegistry registry = server.getApplicationContext().getBean(HostRegistry.class);
        String hostId = registry.register(http.orgId, Machines.rtx4090s(4));
        registry.setVerification(hostId, VerificationState.VERIFIED);
        registry.recordReliability(hostId, new ReliabilityEstimate(0.99, 0.96, 1, 0.99, 0.98, 0, 240, 3,
                Duration.ofDays(30)));
        registry.recordBenchmark(hostId, 0, Machines.RTX_4090_FACTS, Machines.RTX_4090_FIGURES, true);
        String token = json(http.post("/v1/hosts/enrollment-tokens", http.ownerKey, "{}")).path("token").asText();
        assertThat(token).startsWith("assay_enroll_");
        assertThat(json(http.get("/v1/hosts/enrollment-tokens", http.ownerKey)).path("items")).hasSize(1);

        HttpResponse<String> listed = http.put("/v1/hosts/" + hostId + "/offer", http.ownerKey,
                "{\"on_demand_per_gpu_hour\":\"0.42\",\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":1,"
                        + "\"storage_per_gb_month\":\"0.10\"}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        HttpResponse<String> relisted = http.put("/v1/hosts/" + hostId + "/offer", http.ownerKey,
                "{\"on_demand_per_gpu_hour\":\"0.44\",\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":2,"
                        + "\"storage_per_gb_month\":\"0.10\",\"available_until\":\""
                        + Instant.now().plus(Duration.ofDays(7)) + "\"}");
        assertThat(relisted.statusCode()).as(relisted.body()).isEqualTo(200);
        assertProblem(http.put("/v1/hosts/" + hostId + "/offer", http.ownerKey,
                "{\"on_demand_per_gpu_hour\":\"-0.44\",\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":9,"
                        + "\"storage_per_gb_month\":\"0.10\"}"), 400, "validation");

        String second = registry.register(http.orgId, Machines.rtx4090s(1));
        JsonNode page = json(http.get("/v1/hosts?limit=1", http.ownerKey));
        assertThat(page.path("items")).hasSize(1);
        JsonNode rest = json(http.get("/v1/hosts?limit=1&cursor=" + page.path("next_cursor").asText(), http.ownerKey));
        assertThat(java.util.List.of(page.path("items").get(0).path("id").asText(),
                rest.path("items").get(0).path("id").asText())).containsExactlyInAnyOrder(hostId, second);
        assertThat(rest.has("next_cursor")).isFalse();
        JsonNode host = json(http.get("/v1/hosts/" + hostId, http.ownerKey));
        assertThat(host.path("verification").asText()).isEqualTo("VERIFIED");
        assertThat(host.path("health").path("reliability").asDouble()).isEqualTo(0.96);
        assertThat(host.path("latest_benchmarks").get(0).path("verdict").asText()).isEqualTo("PLAUSIBLE");
        assertThat(host.path("offer").path("available_until").asText()).isNotEmpty();

        JsonNode offers = json(http.get("/v1/offers?q=" + URLEncoder.encode("verified=true num_gpus>=2 order by price asc",
                StandardCharsets.UTF_8), http.ownerKey));
        assertThat(offers.path("items").get(0).path("id").asText()).isEqualTo(hostId + "-2");
        assertThat(offers.path("items").get(0).path("price_per_gpu_hour").path("dollars").asText()).isEqualTo("0.440000");
        JsonNode types = json(http.get("/v1/gpu-types", http.ownerKey));
        assertThat(types.path("items").get(0).path("gpu_model").asText()).isEqualTo("RTX_4090");
        assertThat(types.path("items").get(0).path("total_gpus").asLong()).isEqualTo(5);
        assertThat(json(http.get("/v1/hosts/" + hostId + "/earnings?from=2026-01-01T00:00:00Z", http.ownerKey))
                .path("total").path("micros").asLong()).isZero();
        assertThat(json(http.get("/v1/hosts/" + hostId + "/price-advice", http.ownerKey))
                .path("suggested_per_gpu_hour").path("dollars").asText()).isEqualTo("0.440000");

        assertThat(http.delete("/v1/hosts/" + hostId + "/offer", http.ownerKey).statusCode()).isEqualTo(204);
        assertThat(json(http.get("/v1/offers", http.ownerKey)).path("items")).isEmpty();
        assertThat(json(http.get("/v1/hosts/" + hostId, http.ownerKey)).path("offer").path("listed").asBoolean())
                .isFalse();
    }
}
