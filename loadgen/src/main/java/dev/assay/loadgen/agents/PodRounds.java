package dev.assay.loadgen.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.loadgen.report.LoadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pod creation end to end: a few swarm agents become hosts with a listed offer, and a renter (an organisation of
 * its own, credited with the operator key) creates pods over REST pinned to them, one round at a time, paced evenly
 * over the window. Operation {@code pod_create_e2e} is the time from sending {@code POST /v1/pods} to the host's
 * agent receiving {@code StartPod} with that pod's id; {@code pod_create_rest} is the REST answer alone, and
 * {@code rest_trivial} ({@code GET /v1/version}, no key, just before each round) is the bare cost of a REST round
 * trip to this marketplace from this client. Each pod is then stopped (the agent reports STOPPED, freeing the GPU)
 * and deleted, off the timed path; {@code pod_stop} times the stop call until the agent has reported STOPPED.
 */
final class PodRounds {

    /** Each pod host offers this many SIMULATED GPUs; a pod takes one. */
    static final String HOST_GPUS = "2x RTX_4090";
    private static final Duration START_POD_WAIT = Duration.ofSeconds(10);
    private static final Duration HOST_ONLINE_WAIT = Duration.ofSeconds(60);

    private final MarketplaceRest rest;
    private final List<SwarmAgent> hosts;
    private final PodArrivals arrivals;
    private final int rounds;
    private MarketplaceRest.Organisation renter;

    PodRounds(MarketplaceRest rest, List<SwarmAgent> hosts, PodArrivals arrivals, int rounds) {
        this.rest = rest;
        this.hosts = hosts;
        this.arrivals = arrivals;
        this.rounds = rounds;
    }

    /** The hosts report, come ONLINE and list their offers; the renter signs up and is credited. */
    void prepare(String operatorKey, long seed, ExecutorService worker) throws Exception {
        for (SwarmAgent host : hosts) {
            host.becomePodHost(worker);
        }
        for (SwarmAgent host : hosts) {
            awaitOnline(host);
            rest.expect(200, "PUT", "/v1/hosts/" + host.hostId() + "/offer", host.enrolled.ownerKey(),
                    Map.of("on_demand_per_gpu_hour", "0.40", "min_bid_per_gpu_hour", "0.10", "min_gpus_per_pod", 1,
                            "storage_per_gb_month", "0.05"));
        }
        renter = rest.signUp("Loadgen renter", "loadgen-renter-" + seed + "-" + System.nanoTime() + "@example.com");
        rest.expect(201, "POST", "/v1/billing/credits", operatorKey, Map.of("org_id", renter.id(), "amount", "1000.00",
                "reference", "loadgen-" + UUID.randomUUID()));
    }

    private void awaitOnline(SwarmAgent host) throws Exception {
        Instant giveUp = Instant.now().plus(HOST_ONLINE_WAIT);
        String last = "";
        while (Instant.now().isBefore(giveUp)) {
            MarketplaceRest.Answer answer = rest.call("GET", "/v1/hosts/" + host.hostId(), host.enrolled.ownerKey(),
                    null);
            if (answer.status() == 200 && answer.body().path("status").asText().equals("ONLINE")) {
                return;
            }
            last = answer.status() + " " + MarketplaceRest.abbreviated(answer.text());
            Thread.sleep(100);
        }
        throw new IllegalStateException("pod host " + host.hostId() + " did not come ONLINE from its SIMULATED"
                + " benchmark report within " + HOST_ONLINE_WAIT.toSeconds() + " s; last answer: " + last);
    }

    /** Creates pods until {@code deadline} or {@code rounds}, whichever first; stops and deletes each. */
    void run(Instant deadline, LoadReport report) throws Exception {
        Duration pace = Duration.between(Instant.now(), deadline).dividedBy(Math.max(1, rounds));
        List<Thread> stopping = new ArrayList<>();
        Instant next = Instant.now();
        for (int round = 0; round < rounds && Instant.now().isBefore(deadline); round++) {
            Duration wait = Duration.between(Instant.now(), next);
            if (!wait.isNegative()) {
                Thread.sleep(wait);
            }
            next = next.plus(pace);
            SwarmAgent host = hosts.get(round % hosts.size());
            timeTrivialCall(report);
            createOne(round, host, report).ifPresent(pod ->
                    stopping.add(Thread.ofVirtual().start(() -> stopAndDelete(pod, report))));
        }
        for (Thread thread : stopping) {
            thread.join(Duration.ofSeconds(30));
        }
    }

    private void timeTrivialCall(LoadReport report) throws Exception {
        long started = System.nanoTime();
        MarketplaceRest.Answer answer = rest.call("GET", "/v1/version", null, null);
        if (answer.status() == 200) {
            report.operation("rest_trivial").succeeded(System.nanoTime() - started);
        } else {
            report.operation("rest_trivial").failed("GET /v1/version answered " + answer.status());
        }
    }

    private java.util.Optional<String> createOne(int round, SwarmAgent host, LoadReport report) throws Exception {
        Map<String, Object> pod = Map.of("name", "loadgen-" + round, "image", "assay/loadgen-simulated:1",
                "gpu_count", 1, "offer_id", host.hostId(), "disk_gb", 1);
        long sent = System.nanoTime();
        MarketplaceRest.Answer answer = rest.call("POST", "/v1/pods", renter.key(), pod,
                "Idempotency-Key", UUID.randomUUID().toString());
        long answered = System.nanoTime();
        if (answer.status() != 201) {
            report.operation("pod_create_e2e").failed("POST /v1/pods answered " + answer.status() + ": "
                    + MarketplaceRest.abbreviated(answer.text()));
            return java.util.Optional.empty();
        }
        report.operation("pod_create_rest").succeeded(answered - sent);
        String podId = answer.body().path("id").asText();
        try {
            long received = arrivals.start(podId).get(START_POD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            report.operation("pod_create_e2e").succeeded(received - sent);
        } catch (TimeoutException e) {
            report.operation("pod_create_e2e").failed("no StartPod for " + podId + " at " + host.hostId()
                    + " within " + START_POD_WAIT.toSeconds() + " s");
        }
        return java.util.Optional.of(podId);
    }

    private void stopAndDelete(String podId, LoadReport report) {
        try {
            long asked = System.nanoTime();
            JsonNode stopped = rest.expect(200, "POST", "/v1/pods/" + podId + "/stop", renter.key(), Map.of());
            long done = stopped.path("state").asText().equals("STOPPED") ? System.nanoTime()
                    : arrivals.stop(podId).get(START_POD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            report.operation("pod_stop").succeeded(done - asked);
            MarketplaceRest.Answer deleted = rest.call("DELETE", "/v1/pods/" + podId, renter.key(), null);
            if (deleted.status() / 100 != 2) {
                report.operation("pod_stop").failed("DELETE " + podId + " answered " + deleted.status());
            }
        } catch (Exception e) {
            report.operation("pod_stop").failed(podId + ": " + e);
        } finally {
            arrivals.forget(podId);
        }
    }
}
