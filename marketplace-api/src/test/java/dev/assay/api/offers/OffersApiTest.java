package dev.assay.api.offers;

import static dev.assay.api.hosts.HostsHttp.assertProblem;
import static dev.assay.api.hosts.HostsHttp.fields;
import static dev.assay.api.hosts.HostsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostStatus;
import dev.assay.api.hosts.HostsHttp;
import dev.assay.api.hosts.MachineSpec;
import dev.assay.api.hosts.Machines;
import dev.assay.api.hosts.OfferExpiry;
import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.testing.MarketRows;
import dev.assay.api.testing.MovableMarketClock;
import dev.assay.reputation.score.AssayScore;
import dev.assay.reputation.score.MeasuredFigures;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/offers} over HTTP: the query language over the market index, parse errors naming the term, and
 * which hosts are absent (offline, unlisted, expired, fully used). Each test lists its hosts in its own
 * datacenter and queries only that one.
 */
@MicronautTest(transactional = false)
@Property(name = "test.movable-market-clock", value = "true")
class OffersApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    HostRegistry registry;

    @Inject
    MarketIndex index;

    @Inject
    OfferExpiry expiry;

    @Inject
    MovableMarketClock clock;

    @Inject
    JobLeases leases;

    @Inject
    DataSource dataSource;

    HostsHttp http;
    String reader;
    String datacenter;

    @BeforeEach
    void market() {
        http = new HostsHttp(server);
        reader = http.keyWithScopes("read");
        datacenter = "dc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void theQueryLanguageFiltersAndOrdersOffers() {
        String cheap = host(Machines.rtx4090s(4), "0.40");
        String dear = host(Machines.rtx4090s(2), "0.90");
        String old = host(Machines.machine("NVIDIA GeForce RTX 3090", 1, 24, new MeasuredFigures(60, 800, 30, 24)),
                "0.20");

        JsonNode byPrice = search("datacenter=" + datacenter + " order by price asc");
        JsonNode only3090 = search("datacenter=" + datacenter + " gpu_name=RTX_3090");
        JsonNode pairs = search("datacenter=" + datacenter + " num_gpus>=2 gpu_ram>=24 order by value desc");

        assertThat(ids(byPrice)).containsExactly(old + "-1", cheap + "-4", dear + "-2");
        assertThat(ids(only3090)).containsExactly(old + "-1");
        assertThat(ids(pairs)).containsExactly(cheap + "-2", dear + "-2");
        JsonNode offer = pairs.path("items").get(0);
        assertThat(offer.path("host_id").asText()).isEqualTo(cheap);
        assertThat(offer.path("gpu_model").asText()).isEqualTo("RTX_4090");
        assertThat(offer.path("num_gpus").asInt()).isEqualTo(2);
        assertThat(offer.path("price_per_hour").path("dollars").asText()).isEqualTo("0.800000");
        assertThat(offer.path("score_per_gpu").asDouble()).isEqualTo(AssayScore.of(Machines.RTX_4090_FIGURES));
        assertThat(offer.path("value").path("score_per_dollar_hour").asDouble())
                .isCloseTo(AssayScore.of(Machines.RTX_4090_FIGURES) * 2 / 0.8, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(offer.path("simulated").asBoolean()).isTrue();
        assertThat(offer.path("verified").asBoolean()).isFalse();
        assertThat(offer.path("tier").asText()).isEqualTo("COMMUNITY");
        assertThat(offer.path("host").path("cuda_version").asText()).isEqualTo("12.4");
        assertThat(pairs.path("total_matched").asInt()).isEqualTo(2);
        assertThat(ids(search("datacenter=" + datacenter + " order by price asc limit 1"))).hasSize(1);
    }

    @Test
    void aRepeatedSearchIsAnsweredWithTheSameBytesUntilTheMarketChanges() {
        String hostId = host(Machines.rtx4090s(2), "0.40");
        String path = "/v1/offers?q=" + encode("datacenter=" + datacenter + " order by price asc");

        HttpResponse<String> first = get(path);
        HttpResponse<String> again = get(path);
        HttpResponse<String> limited = get(path + "&limit=1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(json(limited).path("query").asText()).endsWith("limit 1");
        assertThat(json(first).path("query").asText()).endsWith("limit 50");
        assertThat(json(first).path("items").get(0).has("datacenter")).isTrue();

        registry.listOffer(http.orgId, hostId, Machines.offer("0.55"));

        JsonNode changed = json(get(path));
        assertThat(changed.path("items").get(0).path("price_per_gpu_hour").path("dollars").asText())
                .as("a market change is answered at once, never from the earlier bytes").isEqualTo("0.550000");
    }

    @Test
    void aQueryThatCannotBeReadIsAProblemNamingTheTerm() {
        JsonNode unknownField = assertProblem(get("/v1/offers?q=" + encode("gpu_ramm>=24")), 400, "validation");
        JsonNode badValue = assertProblem(get("/v1/offers?q=" + encode("gpu_ram>=lots")), 400, "validation");

        assertThat(unknownField.path("detail").asText()).contains("gpu_ramm");
        assertThat(fields(unknownField)).containsExactly("q");
        assertThat(badValue.path("detail").asText()).contains("lots");
        assertProblem(get("/v1/offers?limit=0"), 400, "validation");
        assertProblem(get("/v1/offers?limit=1001"), 400, "validation");
        assertProblem(http.get("/v1/offers", null), 401, "unauthenticated");
        assertProblem(http.get("/v1/offers", http.keyWithScopes("pods")), 403, "forbidden");
    }

    @Test
    void offlineUnlistedExpiredAndFullyUsedHostsAreAbsent() {
        String listed = host(Machines.rtx4090s(1), "0.40");
        String offline = host(Machines.rtx4090s(1), "0.40");
        registry.setStatus(offline, HostStatus.OFFLINE);
        String unlisted = registry.register(http.orgId, inDatacenter(Machines.rtx4090s(1)));
        String expiring = registry.register(http.orgId, inDatacenter(Machines.rtx4090s(1)));
        registry.listOffer(http.orgId, expiring, Machines.offer("0.40", 1, clock.now().plus(Duration.ofHours(1))));
        String used = host(Machines.rtx4090s(1), "0.40");
        assertThat(hostIds(search("datacenter=" + datacenter))).containsExactlyInAnyOrder(listed, expiring, used);

        clock.advance(Duration.ofHours(2));
        expiry.sweep();
        runningPod(used);
        index.refresh(used);

        assertThat(hostIds(search("datacenter=" + datacenter))).containsExactly(listed);
        assertThat(hostIds(search("datacenter=" + datacenter))).doesNotContain(offline, unlisted);
        assertProblem(get("/v1/offers/" + expiring + "-1"), 404, "not-found");
        assertProblem(get("/v1/offers/" + used + "-1"), 404, "not-found");
    }

    @Test
    void aSweepOfAFormerOfferExpiryLeaderRefreshesNothing() {
        expiry.sweep(); // this instance leads: the fence holds its token from here on
        long token = leases.acquire(OfferExpiry.JOB).orElseThrow().fencingToken();
        String expiring = registry.register(http.orgId, inDatacenter(Machines.rtx4090s(1)));
        registry.listOffer(http.orgId, expiring, Machines.offer("0.40", 1, clock.now().plus(Duration.ofHours(1))));
        clock.advance(Duration.ofHours(2));

        assertThat(expiry.sweep(token - 1)).as("a former leader's token is refused").isZero();
        assertThat(hostIds(search("datacenter=" + datacenter))).contains(expiring);

        assertThat(expiry.sweep(token)).isGreaterThanOrEqualTo(1);
        assertThat(hostIds(search("datacenter=" + datacenter))).doesNotContain(expiring);
    }

    @Test
    void oneOfferExplainsItsScoreWithFiguresReliabilityAndHealth() {
        String hostId = host(Machines.rtx4090s(2), "0.50");

        HttpResponse<String> response = get("/v1/offers/" + hostId + "-2");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode detail = json(response);
        assertThat(detail.path("offer").path("id").asText()).isEqualTo(hostId + "-2");
        assertThat(detail.path("simulated").asBoolean()).isTrue();
        JsonNode explanation = detail.path("score_explanation");
        assertThat(explanation.path("terms")).hasSize(4);
        assertThat(explanation.path("score").asDouble()).isEqualTo(detail.path("offer").path("score_per_gpu").asDouble());
        double product = 100;
        for (JsonNode term : explanation.path("terms")) {
            product *= Math.pow(term.path("measured").asDouble() / term.path("reference").asDouble(),
                    term.path("weight").asDouble());
        }
        assertThat(product).isCloseTo(explanation.path("score").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(detail.path("gpus").get(0).path("tflops_bf16").asDouble()).isEqualTo(150);
        assertThat(detail.path("health").path("status").asText()).isEqualTo("ONLINE");
        assertThat(detail.path("health").has("uptime_7d")).isTrue();
        assertThat(detail.path("offer").has("uptime_30d")).isTrue();
        JsonNode sku = detail.path("sku");
        assertThat(sku.path("id").asText()).isEqualTo("RTX_4090");
        assertThat(sku.path("datasheet").path("tensor_tflops").asDouble())
                .as("a healthy GPU measures below its datasheet peak")
                .isGreaterThan(sku.path("baseline").path("tensor_tflops").asDouble());
        assertThat(sku.path("datasheet").has("host_to_device_gbps")).as("no datasheet figure").isFalse();
        assertThat(sku.path("baseline").path("host_to_device_gbps").asDouble()).isPositive();
        assertThat(sku.path("baseline_basis").asText()).isNotBlank();
        assertProblem(get("/v1/offers/" + hostId + "-3"), 404, "not-found");
        assertProblem(get("/v1/offers/nonsense"), 404, "not-found");
    }

    private String host(MachineSpec spec, String price) {
        String hostId = registry.register(http.orgId, inDatacenter(spec));
        registry.listOffer(http.orgId, hostId, Machines.offer(price));
        return hostId;
    }

    private MachineSpec inDatacenter(MachineSpec s) {
        return new MachineSpec(s.name(), s.tier(), s.region(), datacenter, s.geolocation(), s.cpuCores(), s.ramGb(),
                s.diskGb(), s.diskBandwidthMbps(), s.inetUpMbps(), s.inetDownMbps(), s.driverVersion(), s.cudaVersion(),
                s.gpus(), s.simulated());
    }

    private void runningPod(String hostId) {
        MarketRows rows = new MarketRows(dataSource);
        String renter = rows.hostOrganisation("renter");
        rows.execute("INSERT INTO pods (id, org_id, name, image, pod_type, state, host_id, gpu_count, gpu_indices,"
                + " cpu_cores, ram_gb, disk_gb, created_at, updated_at) VALUES (?, ?, 'p', 'img', 'ON_DEMAND',"
                + " 'RUNNING', ?, 1, '0', 1, 1, 1, ?, ?)", "pod_" + UUID.randomUUID().toString().substring(0, 20),
                renter, hostId, Timestamp.from(Instant.EPOCH), Timestamp.from(Instant.EPOCH));
    }

    private JsonNode search(String query) {
        HttpResponse<String> response = get("/v1/offers?q=" + encode(query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> get(String path) {
        return http.get(path, reader);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    private static List<String> hostIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(o -> ids.add(o.path("host_id").asText()));
        return ids;
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
