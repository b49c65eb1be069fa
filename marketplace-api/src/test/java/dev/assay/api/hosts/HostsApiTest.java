package dev.assay.api.hosts;

import static dev.assay.api.hosts.HostsHttp.assertProblem;
import static dev.assay.api.hosts.HostsHttp.fields;
import static dev.assay.api.hosts.HostsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.testing.MarketRows;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/hosts} over HTTP: tokens, hosts, offers (and every bad offer), earnings, price advice, scopes, 404s. */
@MicronautTest(transactional = false)
class HostsApiTest {

    static final String OFFER = "{\"on_demand_per_gpu_hour\":\"0.45\",\"min_bid_per_gpu_hour\":\"0.20\","
            + "\"min_gpus_per_pod\":1,\"storage_per_gb_month\":\"0.10\"}";

    @Inject
    EmbeddedServer server;

    @Inject
    HostRegistry registry;

    @Inject
    MarketIndex index;

    @Inject
    DataSource dataSource;

    HostsHttp http;
    String hostId;

    @BeforeEach
    void hostOrganisation() {
        http = new HostsHttp(server);
        hostId = registry.register(http.orgId, Machines.rtx4090s(2));
    }

    @Test
    void anEnrollmentTokenIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        HttpResponse<String> created = http.post("/v1/hosts/enrollment-tokens", http.ownerKey, "{\"expires_in_hours\":2}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        String token = body.path("token").asText();
        assertThat(token).startsWith("assay_enroll_").hasSizeGreaterThan(40);
        assertThat(Duration.between(Instant.parse(body.path("created_at").asText()),
                Instant.parse(body.path("expires_at").asText()))).isEqualTo(Duration.ofHours(2));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes()));
        assertThat(query("SELECT token_sha256 FROM enrollment_tokens WHERE id = ?", body.path("id").asText()))
                .isEqualTo(sha);

        HttpResponse<String> listed = http.get("/v1/hosts/enrollment-tokens", http.keyWithScopes("read"));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token);
        assertThat(json(listed).path("items").get(0).path("state").asText()).isEqualTo("active");
        assertProblem(http.post("/v1/hosts/enrollment-tokens", http.ownerKey, "{\"expires_in_hours\":0}"), 400,
                "validation");
    }

    @Test
    void theOwnerSeesItsHostWithGpusScoresAndTheSimulatedFlag() {
        HttpResponse<String> list = http.get("/v1/hosts", http.ownerKey);
        HttpResponse<String> one = http.get("/v1/hosts/" + hostId, http.keyWithScopes("read"));

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(json(list).path("items")).hasSize(1);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        JsonNode host = json(one);
        assertThat(host.path("id").asText()).isEqualTo(hostId);
        assertThat(host.path("simulated").asBoolean()).isTrue();
        assertThat(host.path("verification").asText()).isEqualTo("UNVERIFIED");
        assertThat(host.path("gpus")).hasSize(2);
        assertThat(host.path("gpus").get(0).path("sku_id").asText()).isEqualTo("RTX_4090");
        assertThat(host.path("gpus").get(0).path("score").asDouble()).isPositive();
        assertThat(host.path("health").path("status").asText()).isEqualTo("ONLINE");
        assertThat(host.path("offer").path("listed").asBoolean()).isFalse();
    }

    @Test
    void puttingAnOfferListsTheHostAndDeletingItUnlists() {
        HttpResponse<String> put = http.put("/v1/hosts/" + hostId + "/offer", http.keyWithScopes("hosts"),
                "{\"on_demand_per_gpu_hour\":\"0.45\",\"min_bid_per_gpu_hour\":\"0.20\",\"min_gpus_per_pod\":2,"
                        + "\"storage_per_gb_month\":\"0.10\",\"available_until\":\""
                        + Instant.now().plus(Duration.ofDays(30)) + "\"}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode offer = json(put).path("offer");
        assertThat(offer.path("listed").asBoolean()).isTrue();
        assertThat(offer.path("on_demand_per_gpu_hour").path("dollars").asText()).isEqualTo("0.450000");
        assertThat(offer.path("min_gpus_per_pod").asInt()).isEqualTo(2);
        assertThat(index.snapshot().host(hostId).orElseThrow().offer()).isPresent();

        HttpResponse<String> deleted = http.delete("/v1/hosts/" + hostId + "/offer", http.ownerKey);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(json(http.get("/v1/hosts/" + hostId, http.ownerKey)).path("offer").path("listed").asBoolean()).isFalse();
        assertThat(index.snapshot().host(hostId).orElseThrow().offer()).isEmpty();
    }

    @Test
    void anOfferPutIsIdempotentByKey() {
        String key = "offer-" + UUID.randomUUID();
        java.util.function.Function<String, HttpResponse<String>> put = body -> http.send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/v1/hosts/" + hostId + "/offer"))
                        .header("Authorization", "Bearer " + http.ownerKey).header("Idempotency-Key", key)
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        HttpResponse<String> first = put.apply(OFFER);
        HttpResponse<String> again = put.apply(OFFER);
        HttpResponse<String> other = put.apply(OFFER.replace("\"0.45\"", "\"0.55\""));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertProblem(other, 422, "idempotency-key-reused");
        assertThat(query("SELECT capacity_version FROM hosts WHERE id = ?", hostId)).isEqualTo("1");
    }

    @Test
    void badOffersAreProblemsNamingTheFieldAndChangeNothing() {
        String path = "/v1/hosts/" + hostId + "/offer";
        String past = Instant.now().minus(Duration.ofHours(1)).toString();

        assertThat(fields(assertProblem(http.put(path, http.ownerKey, OFFER.replace("\"0.45\"", "\"-1\"")), 400,
                "validation"))).contains("on_demand_per_gpu_hour");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey, OFFER.replace("\"0.45\"", "\"1000000\"")), 400,
                "validation"))).contains("on_demand_per_gpu_hour");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey, OFFER.replace("\"0.20\"", "\"abc\"")), 400,
                "validation"))).contains("min_bid_per_gpu_hour");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey, OFFER.replace(":1,", ":0,")), 400,
                "validation"))).contains("min_gpus_per_pod");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey, OFFER.replace(":1,", ":3,")), 400,
                "validation"))).contains("min_gpus_per_pod");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey,
                OFFER.replace("}", ",\"available_until\":\"" + past + "\"}")), 400, "validation")))
                .contains("available_until");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey,
                OFFER.replace("}", ",\"available_until\":\"tomorrow\"}")), 400, "validation")))
                .contains("available_until");
        assertThat(fields(assertProblem(http.put(path, http.ownerKey, "{}"), 400, "validation")))
                .contains("on_demand_per_gpu_hour", "min_bid_per_gpu_hour", "min_gpus_per_pod", "storage_per_gb_month");

        assertThat(query("SELECT listed FROM hosts WHERE id = ?", hostId)).isEqualToIgnoringCase("false");
        assertThat(query("SELECT capacity_version FROM hosts WHERE id = ?", hostId)).isEqualTo("0");
    }

    @Test
    void anotherOrganisationsHostIsNotFoundAndUntouched() {
        HostsHttp other = new HostsHttp(server);

        assertProblem(other.get("/v1/hosts/" + hostId, other.ownerKey), 404, "not-found");
        assertProblem(other.put("/v1/hosts/" + hostId + "/offer", other.ownerKey, OFFER), 404, "not-found");
        assertProblem(other.delete("/v1/hosts/" + hostId + "/offer", other.ownerKey), 404, "not-found");
        assertProblem(other.get("/v1/hosts/" + hostId + "/earnings", other.ownerKey), 404, "not-found");
        assertProblem(other.get("/v1/hosts/" + hostId + "/price-advice", other.ownerKey), 404, "not-found");
        assertProblem(other.get("/v1/hosts/hst_nosuchhost", other.ownerKey), 404, "not-found");
        assertThat(json(other.get("/v1/hosts", other.ownerKey)).path("items")).isEmpty();
        assertThat(query("SELECT listed FROM hosts WHERE id = ?", hostId)).isEqualToIgnoringCase("false");
    }

    @Test
    void writingNeedsTheHostsScopeAndReadingTheReadScope() {
        String readOnly = http.keyWithScopes("read");
        String podsOnly = http.keyWithScopes("pods");

        assertThat(assertProblem(http.put("/v1/hosts/" + hostId + "/offer", readOnly, OFFER), 403, "forbidden")
                .path("detail").asText()).contains("hosts");
        assertProblem(http.delete("/v1/hosts/" + hostId + "/offer", readOnly), 403, "forbidden");
        assertProblem(http.post("/v1/hosts/enrollment-tokens", readOnly, "{}"), 403, "forbidden");
        assertProblem(http.get("/v1/hosts", podsOnly), 403, "forbidden");
        assertProblem(http.get("/v1/hosts/" + hostId, podsOnly), 403, "forbidden");
        assertProblem(http.get("/v1/hosts", null), 401, "unauthenticated");
        assertThat(query("SELECT listed FROM hosts WHERE id = ?", hostId)).isEqualToIgnoringCase("false");
    }

    @Test
    void earningsSumTheHostPayableUsageOfItsPods() {
        MarketRows rows = new MarketRows(dataSource);
        String renter = rows.hostOrganisation("renter");
        String podA = pod(rows, renter);
        String podB = pod(rows, renter);
        String account = "host:" + http.orgId;
        rows.execute("INSERT INTO ledger_accounts (id, account_kind, owner_org_id, balance_micros, version, created_at)"
                + " VALUES (?, 'HOST_PAYABLE', ?, 0, 0, ?)", account, http.orgId, Timestamp.from(Instant.EPOCH));
        rows.execute("INSERT INTO ledger_accounts (id, account_kind, owner_org_id, balance_micros, version, created_at)"
                + " VALUES (?, 'RENTER_BALANCE', ?, 0, 0, ?)", "renter:" + renter, renter, Timestamp.from(Instant.EPOCH));
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        usage(rows, renter, account, podA, 1_000_000, t0, t0.plusSeconds(3600));
        usage(rows, renter, account, podA, 500_000, t0.plusSeconds(3600), t0.plusSeconds(5400));
        usage(rows, renter, account, podB, 250_000, t0.plusSeconds(7200), t0.plusSeconds(9000));

        JsonNode all = json(http.get("/v1/hosts/" + hostId + "/earnings", http.ownerKey));
        JsonNode late = json(http.get("/v1/hosts/" + hostId + "/earnings?from=" + t0.plusSeconds(3600) + "&limit=1",
                http.ownerKey));

        assertThat(all.path("total").path("micros").asLong()).isEqualTo(1_750_000);
        assertThat(all.path("pods").asInt()).isEqualTo(2);
        assertThat(all.path("recent_pods").get(0).path("pod_id").asText()).isEqualTo(podB);
        assertThat(all.path("recent_pods").get(1).path("amount").path("dollars").asText()).isEqualTo("1.500000");
        assertThat(all.path("simulated").asBoolean()).isTrue();
        assertThat(late.path("total").path("micros").asLong()).isEqualTo(750_000);
        assertThat(late.path("recent_pods")).hasSize(1);
        assertThat(fields(assertProblem(http.get("/v1/hosts/" + hostId + "/earnings?from=yesterday", http.ownerKey),
                400, "validation"))).containsExactly("from");
        assertProblem(http.get("/v1/hosts/" + hostId + "/earnings?limit=0", http.ownerKey), 400, "validation");
    }

    @Test
    void priceAdviceComesFromTheMarketForTheHostsGpuModelWithTypedReasons() {
        MarketRows rows = new MarketRows(dataSource);
        String market = rows.hostOrganisation("market");
        for (long micros : new long[] {300_000, 400_000, 500_000, 600_000, 700_000}) {
            var spec = rows.host(market);
            spec.skuId = "RTX_4090";
            spec.onDemandMicros = micros;
            index.refresh(spec.insert());
        }

        HttpResponse<String> response = http.get("/v1/hosts/" + hostId + "/price-advice?target_utilisation=0.5",
                http.ownerKey);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode advice = json(response);
        assertThat(advice.path("gpu_model").asText()).isEqualTo("RTX_4090");
        assertThat(advice.path("simulated").asBoolean()).isTrue();
        assertThat(advice.path("suggested_per_gpu_hour").path("micros").asLong()).isBetween(300_000L, 1_000_000L);
        assertThat(advice.path("reasons").get(0).path("kind").asText()).isEqualTo("market_median");
        assertThat(advice.path("reasons").get(0).path("explanation").asText()).contains("median");
        assertProblem(http.get("/v1/hosts/" + hostId + "/price-advice?target_utilisation=2", http.ownerKey), 400,
                "validation");
    }

    private String pod(MarketRows rows, String renter) {
        String id = "pod_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        rows.execute("INSERT INTO pods (id, org_id, name, image, pod_type, state, host_id, gpu_count, cpu_cores, ram_gb,"
                + " disk_gb, created_at, updated_at) VALUES (?, ?, 'p', 'img', 'ON_DEMAND', 'TERMINATED', ?, 1, 1, 1, 1,"
                + " ?, ?)", id, renter, hostId, Timestamp.from(Instant.EPOCH), Timestamp.from(Instant.EPOCH));
        return id;
    }

    private static void usage(MarketRows rows, String renter, String account, String podId, long micros, Instant from,
            Instant to) {
        rows.execute("INSERT INTO ledger_transfers (id, transfer_kind, debit_account_id, credit_account_id,"
                + " amount_micros, pod_id, period_from, period_to, created_at) VALUES (?, 'USAGE', ?, ?, ?, ?, ?, ?, ?)",
                "tr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26), "renter:" + renter, account,
                micros, podId, Timestamp.from(from), Timestamp.from(to), Timestamp.from(to));
    }

    private String query(String sql, Object arg) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return String.valueOf(rs.getObject(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
