package dev.assay.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.billing.AuditReport;
import dev.assay.api.billing.LedgerAudit;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostStatus;
import dev.assay.api.hosts.Machines;
import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.metering.Metering;
import dev.assay.api.pods.PodLifecycle;
import dev.assay.api.pods.PodState;
import dev.assay.api.pods.ScriptedAgentGateway;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import dev.assay.api.testing.MovableMarketClock;
import dev.assay.api.testing.PostgresSchema;
import dev.assay.pricing.Money;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "done when", end to end on PostgreSQL and over HTTP only where a user would: a renter signs up, is
 * credited, searches, rents, runs a known number of seconds on the market clock, stops, and the ledger balances to
 * the micro-dollar; two bidders share one host by the bid book's rules. The agent is the scripted test double of
 * the gateway; metering, settlement, the ledger and the bid books are the real ones.
 */
class MarketJourneyPostgresIntegrationTest {

    private static final String OPERATOR_KEY = "op-journey-5b8e1d7c2a9f4e3b6d0c1a2b3c4d5e6f";

    private static PostgresSchema schema;
    private static EmbeddedServer server;
    private static ApiClient api;
    private static MovableMarketClock clock;
    private static Metering metering;
    /** This (embedded, so always leading) instance's metering lease token. */
    private static long meteringToken;
    private static PodLifecycle lifecycle;
    private static HostRegistry registry;
    private static ScriptedAgentGateway agent;

    @BeforeAll
    static void start() {
        schema = PostgresSchema.create("journey");
        server = ApplicationContext.run(EmbeddedServer.class, schema.application(Map.of(
                "assay.operator-key", OPERATOR_KEY,
                "test.movable-market-clock", true)), "test");
        api = new ApiClient(server);
        clock = server.getApplicationContext().getBean(MovableMarketClock.class);
        metering = server.getApplicationContext().getBean(Metering.class);
        meteringToken = server.getApplicationContext().getBean(JobLeases.class).acquire(Metering.JOB).orElseThrow()
                .fencingToken();
        lifecycle = server.getApplicationContext().getBean(PodLifecycle.class);
        registry = server.getApplicationContext().getBean(HostRegistry.class);
        agent = server.getApplicationContext().getBean(ScriptedAgentGateway.class);
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
    void anOnDemandPodIsBilledPriceTimesTimeExactlyAndTheLedgerBalances() {
        Org host = signUp("Journey Host Co");
        String hostId = registry.register(host.id(), Machines.rtx4090s(2));
        // $0.36 per GPU-hour and $0.073 per GB-month: 2 GPUs and 100 GB cost 720,000 + 10,000 µ$ an hour.
        assertStatus(send("PUT", "/v1/hosts/" + hostId + "/offer", host.key(), """
                {"on_demand_per_gpu_hour": "0.36", "min_bid_per_gpu_hour": "0.10", "min_gpus_per_pod": 1,
                 "storage_per_gb_month": "0.073"}"""), 200);
        Org renter = signUp("Journey Renter");
        credit(renter, "100");

        JsonNode offers = json(assertStatus(send("GET", "/v1/offers?q="
                + URLEncoder.encode("num_gpus>=2 order by price asc", StandardCharsets.UTF_8), renter.key(), null), 200));
        JsonNode offer = null;
        for (JsonNode item : offers.path("items")) {
            if (item.path("host_id").asText().equals(hostId) && item.path("num_gpus").asInt() == 2) {
                offer = item;
            }
        }
        assertThat(offer).as("the host's two-GPU offer in %s", offers).isNotNull();
        assertThat(offer.path("price_per_gpu_hour").path("micros").asLong()).isEqualTo(360_000L);
        assertThat(offer.path("simulated").asBoolean()).isTrue();

        JsonNode pod = json(assertStatus(send("POST", "/v1/pods", renter.key(), """
                {"name": "trainer", "image": "pytorch/pytorch:2.4.0-cuda12.4", "gpu_count": 2,
                 "offer_id": "%s", "disk_gb": 100, "ports": ["22/tcp"]}""".formatted(offer.path("id").asText())),
                201));
        String podId = pod.path("id").asText();
        assertThat(pod.path("host_id").asText()).isEqualTo(hostId);
        assertThat(pod.path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(pod.path("price_per_hour").path("micros").asLong()).isEqualTo(730_000L);
        assertThat(agent.launchesOf(podId)).hasSize(1);

        lifecycle.reportState(podId, PodState.STARTING, "pulling the image");
        clock.advance(Duration.ofSeconds(45)); // pulling: never billed
        lifecycle.reportState(podId, PodState.RUNNING, "container up");
        clock.advance(Duration.ofSeconds(1_000));
        metering.meterAll(meteringToken);
        clock.advance(Duration.ofSeconds(2_599));
        metering.meterAll(meteringToken);
        clock.advance(Duration.ofSeconds(1)); // 3,600 s RUNNING in all
        assertStatus(send("POST", "/v1/pods/" + podId + "/stop", renter.key(), null), 200);
        lifecycle.reportState(podId, PodState.STOPPED, "container stopped");
        clock.advance(Duration.ofSeconds(900)); // stopped: never billed
        metering.meterAll(meteringToken);

        long bill = 730_000L;
        long fee = bill / 10; // platform_fee_bps 1000
        int charges = 3; // two passes and the settlement at stop; each splits its fee down to the micro-dollar
        JsonNode stopped = json(assertStatus(send("GET", "/v1/pods/" + podId, renter.key(), null), 200));
        assertThat(stopped.path("state").asText()).isEqualTo("STOPPED");
        assertThat(stopped.path("cost_so_far").path("micros").asLong()).isEqualTo(bill);
        assertThat(balance(renter).path("balance").path("micros").asLong()).isEqualTo(100_000_000L - bill);
        long hostShare = balance(host).path("host_payable").path("micros").asLong();
        assertThat(hostShare).isBetween(bill - fee, bill - fee + charges);
        JsonNode earnings = json(assertStatus(send("GET", "/v1/hosts/" + hostId + "/earnings", host.key(), null), 200));
        assertThat(earnings.toString()).contains("\"micros\":" + hostShare);
        JsonNode usage = json(assertStatus(send("GET", "/v1/billing/usage", renter.key(), null), 200));
        assertThat(usage.path("charged").path("micros").asLong()).isEqualTo(bill);
        assertThat(usage.path("pods_charged").asLong()).isEqualTo(1);
        JsonNode podUsage = usage.path("pods").get(0);
        assertThat(podUsage.path("pod_id").asText()).isEqualTo(podId);
        assertThat(podUsage.path("name").asText()).isEqualTo("trainer");
        assertThat(podUsage.path("periods").asLong()).isEqualTo(charges);
        assertThat(podUsage.path("platform_fee").path("micros").asLong()).isEqualTo(bill - hostShare);
        assertLedgerSound();
    }

    @Test
    void twoBiddersShareOneHostByTheBidBookAndPayTheClearingPrice() {
        Org host = signUp("Journey Spot Host");
        String hostId = registry.register(host.id(), Machines.rtx4090s(1));
        assertStatus(send("PUT", "/v1/hosts/" + hostId + "/offer", host.key(), """
                {"on_demand_per_gpu_hour": "0.60", "min_bid_per_gpu_hour": "0.20", "min_gpus_per_pod": 1,
                 "storage_per_gb_month": "0"}"""), 200);
        Org low = signUp("Low Bidder");
        Org high = signUp("High Bidder");
        credit(low, "10");
        credit(high, "10");

        String lowPod = placeInterruptible(low, hostId, "0.30");
        lifecycle.reportState(lowPod, PodState.STARTING, "pulling");
        lifecycle.reportState(lowPod, PodState.RUNNING, "up");
        clock.advance(Duration.ofSeconds(600)); // alone: pays the host's minimum bid, $0.20

        String highPod = placeInterruptible(high, hostId, "0.50");
        assertThat(state(low, lowPod)).isEqualTo("PREEMPTED");
        assertThat(agent.stopsOf(lowPod)).hasSize(1);
        assertThat(state(high, highPod)).isEqualTo("SCHEDULED");
        lifecycle.reportState(highPod, PodState.STARTING, "pulling");
        lifecycle.reportState(highPod, PodState.RUNNING, "up");
        JsonNode running = json(assertStatus(send("GET", "/v1/pods/" + highPod, high.key(), null), 200));
        assertThat(running.path("price_per_hour").path("micros").asLong()).as("at most its bid").isEqualTo(500_000L);
        assertThat(running.path("current_price_per_hour").path("micros").asLong()).as("the clearing price")
                .isEqualTo(300_000L);
        clock.advance(Duration.ofSeconds(3_600)); // the low bid waits: the high pays the clearing price, $0.30
        metering.meterAll(meteringToken);
        assertThat(cost(high, highPod)).isEqualTo(300_000L);

        assertStatus(send("POST", "/v1/pods/" + highPod + "/stop", high.key(), null), 200);
        lifecycle.reportState(highPod, PodState.STOPPED, "stopped");
        assertThat(state(low, lowPod)).as("the outbid pod resumes when capacity frees").isEqualTo("SCHEDULED");
        assertThat(agent.launchesOf(lowPod)).hasSize(2);
        lifecycle.reportState(lowPod, PodState.STARTING, "pulling");
        lifecycle.reportState(lowPod, PodState.RUNNING, "up");
        clock.advance(Duration.ofSeconds(1_800)); // alone again: $0.20
        metering.meterAll(meteringToken);

        // 600 s + 1,800 s at $0.20 an hour; the preempted and waiting time is free.
        assertThat(cost(low, lowPod)).isEqualTo(133_333L);
        assertThat(cost(high, highPod)).isEqualTo(300_000L);
        assertThat(balance(high).path("balance").path("micros").asLong()).isEqualTo(10_000_000L - 300_000L);
        assertLedgerSound();
    }

    @Test
    void aHostGoingOfflineMarksItsPodsLostAndStopsTheirBill() {
        Org host = signUp("Journey Flaky Host");
        String hostId = registry.register(host.id(), Machines.rtx4090s(1));
        assertStatus(send("PUT", "/v1/hosts/" + hostId + "/offer", host.key(), """
                {"on_demand_per_gpu_hour": "0.36", "min_bid_per_gpu_hour": "0.10", "min_gpus_per_pod": 1,
                 "storage_per_gb_month": "0"}"""), 200);
        Org renter = signUp("Journey Unlucky Renter");
        credit(renter, "10");
        String podId = json(assertStatus(send("POST", "/v1/pods", renter.key(), """
                {"name": "job", "image": "ubuntu:24.04", "gpu_count": 1, "offer_id": "%s", "disk_gb": 10}"""
                .formatted(hostId)), 201)).path("id").asText();
        lifecycle.reportState(podId, PodState.STARTING, "pulling");
        lifecycle.reportState(podId, PodState.RUNNING, "up");
        clock.advance(Duration.ofSeconds(100));

        registry.setStatus(hostId, HostStatus.OFFLINE);
        clock.advance(Duration.ofSeconds(3_600));
        metering.meterAll(meteringToken);

        assertThat(state(renter, podId)).isEqualTo("LOST");
        assertThat(cost(renter, podId)).isEqualTo(10_000L); // 100 s at $0.36 an hour, nothing after the loss
        assertLedgerSound();
    }

    private static String placeInterruptible(Org renter, String hostId, String bid) {
        return json(assertStatus(send("POST", "/v1/pods", renter.key(), """
                {"name": "spot", "image": "ghcr.io/acme/worker:1.2", "gpu_count": 1, "offer_id": "%s",
                 "disk_gb": 10, "type": "INTERRUPTIBLE", "bid_per_gpu_hour": "%s"}""".formatted(hostId, bid)), 201))
                .path("id").asText();
    }

    private static String state(Org org, String podId) {
        return json(assertStatus(send("GET", "/v1/pods/" + podId, org.key(), null), 200)).path("state").asText();
    }

    private static long cost(Org org, String podId) {
        return json(assertStatus(send("GET", "/v1/pods/" + podId, org.key(), null), 200))
                .path("cost_so_far").path("micros").asLong();
    }

    private static void assertLedgerSound() {
        AuditReport audit = server.getApplicationContext().getBean(LedgerAudit.class).verify();
        assertThat(audit.findings()).isEmpty();
        assertThat(audit.sumOfBalances()).isEqualTo(Money.ZERO);
        assertThat(audit.sound()).isTrue();
    }

    private record Org(String id, String key) {}

    private static Org signUp(String name) {
        JsonNode body = json(assertStatus(send("POST", "/v1/orgs", null, """
                {"name": "%s", "owner_email": "owner-%s@example.com"}""".formatted(name, UUID.randomUUID())), 201));
        return new Org(body.path("organisation").path("id").asText(), body.path("api_key").path("key").asText());
    }

    private static void credit(Org org, String dollars) {
        assertStatus(send("POST", "/v1/billing/credits", OPERATOR_KEY, """
                {"org_id": "%s", "amount": "%s", "reference": "journey-%s"}"""
                .formatted(org.id(), dollars, UUID.randomUUID())), 201);
    }

    private static JsonNode balance(Org org) {
        return json(assertStatus(send("GET", "/v1/billing/balance", org.key(), null), 200));
    }

    private static HttpResponse<String> send(String method, String path, String key, String body) {
        return api.send(method, path, key, body);
    }

    private static HttpResponse<String> assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiAnswers.json(response);
    }
}
