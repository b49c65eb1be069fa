package dev.assay.loadgen.renters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.loadgen.report.LoadReport;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One SIMULATED renter: its own organisation and key, the offers it has seen, the pods it holds, and one seeded
 * random stream. Not thread-safe: each renter is one closed loop on its own virtual thread (a request, its
 * answer, the next request), like a person or a script that waits for each answer.
 *
 * <p>Every request is recorded under its operation's name; an answer 429 goes to {@code rate_limited} instead
 * (the key's token bucket was empty: see docs/rate-limits.md) and the renter waits the {@code Retry-After} the
 * marketplace asked for, as a well-behaved client would, but never past the run's deadline.
 */
final class Renter {

    static final String RATE_LIMITED = "rate_limited";
    /** A 409 on stop means the pod holds no GPUs (a bid waiting, or preempted): the renter withdraws it instead. */
    static final String WITHDRAW_BID = "withdraw_bid";
    /** Re-read a search answer's offers every this many searches, so the renter acts on a fresh market. */
    private static final int REFRESH_OFFERS_EVERY = 16;
    /** The most offers and pods a renter remembers: bounded like everything that grows. */
    private static final int MAX_KNOWN_OFFERS = 100;
    private static final int MAX_HELD_PODS = 50;
    private static final long MAX_RETRY_WAIT_MILLIS = 2_000;

    private final int number;
    private final String key;
    private final MarketClient client;
    private final LoadReport report;
    private final SearchQueries queries;
    private final SplittableRandom random;
    private final boolean readsOffers;
    private final List<KnownOffer> knownOffers = new ArrayList<>();
    private final Deque<String> heldPods = new ArrayDeque<>();
    private int searches;
    private int podsCreated;

    Renter(int number, String key, MarketClient client, LoadReport report, SearchQueries queries,
            SplittableRandom random, boolean readsOffers) {
        this.number = number;
        this.key = key;
        this.client = client;
        this.report = report;
        this.queries = queries;
        this.random = random;
        this.readsOffers = readsOffers;
    }

    SplittableRandom random() {
        return random;
    }

    int heldPods() {
        return heldPods.size();
    }

    /**
     * Does {@code wanted}, or what must come first: a renter with no offer seen searches before it looks, rents
     * or bids, and one with no pod rents before it stops one.
     */
    void step(RenterOperation wanted, long deadlineNanos) throws InterruptedException {
        RenterOperation op = wanted;
        if ((op == RenterOperation.OFFER || op == RenterOperation.CREATE_POD || op == RenterOperation.BID)
                && knownOffers.isEmpty()) {
            op = RenterOperation.SEARCH;
        } else if (op == RenterOperation.STOP_POD && heldPods.isEmpty()) {
            op = RenterOperation.CREATE_POD;
        }
        try {
            switch (op) {
                case SEARCH -> search(deadlineNanos);
                case OFFER -> offer(deadlineNanos);
                case CREATE_POD -> createPod(deadlineNanos);
                case STOP_POD -> stopPod(deadlineNanos);
                case BID -> bid(deadlineNanos);
            }
        } catch (IOException e) {
            report.operation(op.reportName()).failed("I/O: " + e);
        }
    }

    private void search(long deadlineNanos) throws IOException, InterruptedException {
        String query = queries.pick(random);
        long start = System.nanoTime();
        MarketClient.Answer answer = client.get("/v1/offers?q=" + MarketClient.encode(query), key);
        if (record(RenterOperation.SEARCH, answer, start, deadlineNanos) && readsOffers
                && (knownOffers.isEmpty() || ++searches % REFRESH_OFFERS_EVERY == 0)) {
            learnOffers(answer.json());
        }
    }

    private void offer(long deadlineNanos) throws IOException, InterruptedException {
        KnownOffer offer = anyKnownOffer();
        long start = System.nanoTime();
        MarketClient.Answer answer = client.get("/v1/offers/" + MarketClient.encode(offer.id()), key);
        if (answer.status() == 404) {
            // The offer left the market since the search (rented, host changed): a real answer, and a stale memory.
            forget(offer);
        }
        record(RenterOperation.OFFER, answer, start, deadlineNanos);
    }

    private void createPod(long deadlineNanos) throws IOException, InterruptedException {
        if (heldPods.size() >= MAX_HELD_PODS) {
            stopPod(deadlineNanos);
            return;
        }
        Map<String, Object> pod = podBasics();
        if (knownOffers.isEmpty() || random.nextInt(3) == 0) {
            // By requirements: the marketplace picks the host.
            pod.put("requirements", Map.of("query", "gpu_ram>=" + (random.nextBoolean() ? 16 : 24),
                    "max_price_per_hour", String.valueOf(4 + random.nextInt(20))));
        } else {
            KnownOffer offer = anyKnownOffer();
            pod.put("gpu_count", offer.gpus());
            pod.put("offer_id", offer.id());
        }
        place(RenterOperation.CREATE_POD, pod, deadlineNanos);
    }

    private void bid(long deadlineNanos) throws IOException, InterruptedException {
        if (heldPods.size() >= MAX_HELD_PODS) {
            stopPod(deadlineNanos);
            return;
        }
        KnownOffer offer = anyKnownOffer();
        // From the host's minimum bid (the marketplace refuses less on a named host) to 1.5x, which may outbid
        // the interruptible pods already there; for the offer as seen, sized as the host offers it.
        long minBid = Math.max(offer.minBidMicrosPerGpuHour(), 10_000);
        long bidMicros = minBid * (100 + random.nextInt(51)) / 100;
        Map<String, Object> pod = podBasics();
        pod.put("gpu_count", offer.gpus());
        pod.put("offer_id", offer.id());
        pod.put("type", "INTERRUPTIBLE");
        pod.put("bid_per_gpu_hour", dollars(bidMicros));
        place(RenterOperation.BID, pod, deadlineNanos);
    }

    private void place(RenterOperation op, Map<String, Object> pod, long deadlineNanos)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        MarketClient.Answer answer = client.post("/v1/pods", key, pod);
        if (record(op, answer, start, deadlineNanos)) {
            heldPods.addLast(answer.json().path("id").asText());
        }
    }

    private void stopPod(long deadlineNanos) throws IOException, InterruptedException {
        String pod = heldPods.pollFirst();
        if (pod == null) {
            return;
        }
        long start = System.nanoTime();
        MarketClient.Answer answer = client.post("/v1/pods/" + pod + "/stop", key, Map.of());
        if (answer.status() == 409) {
            withdraw(pod, deadlineNanos);
            return;
        }
        record(RenterOperation.STOP_POD, answer, start, deadlineNanos);
    }

    /** Deletes a pod that holds no GPUs (a waiting or preempted bid): stopping does not apply to it. */
    private void withdraw(String pod, long deadlineNanos) throws IOException, InterruptedException {
        long start = System.nanoTime();
        MarketClient.Answer answer = client.delete("/v1/pods/" + pod, key);
        record(WITHDRAW_BID, answer, start, deadlineNanos);
    }

    /**
     * Stops (or withdraws) every pod this renter still holds, after the measured window: a load run leaves
     * nothing running or billing. Gives up at {@code deadlineNanos} (a marketplace that stopped answering must not
     * hold the run forever). Answers the number of pods it could not end.
     */
    int releaseAll(long deadlineNanos) throws InterruptedException {
        int failed = 0;
        while (!heldPods.isEmpty()) {
            if (System.nanoTime() > deadlineNanos) {
                report.operation("release_at_end").failed(heldPods.size() + " pods still held at the release deadline");
                return failed + heldPods.size();
            }
            String pod = heldPods.pollFirst();
            try {
                MarketClient.Answer answer = client.post("/v1/pods/" + pod + "/stop", key, Map.of());
                if (answer.status() == 409) {
                    answer = client.delete("/v1/pods/" + pod, key);
                }
                if (answer.status() == 429) {
                    Thread.sleep(1000 * answer.retryAfterSeconds().orElse(1L));
                    heldPods.addFirst(pod);
                    continue;
                }
                if (!answer.ok()) {
                    failed++;
                    report.operation("release_at_end").failed("pod " + pod + ": " + answer.reason());
                }
            } catch (IOException e) {
                failed++;
                report.operation("release_at_end").failed("pod " + pod + ": " + e);
            }
        }
        return failed;
    }

    private boolean record(RenterOperation op, MarketClient.Answer answer, long start, long deadlineNanos)
            throws InterruptedException {
        return record(op.reportName(), answer, start, deadlineNanos);
    }

    /** Records the answer under {@code name} (or {@code rate_limited}); true when it succeeded. */
    private boolean record(String name, MarketClient.Answer answer, long start, long deadlineNanos)
            throws InterruptedException {
        long took = System.nanoTime() - start;
        if (answer.ok()) {
            report.operation(name).succeeded(took);
            return true;
        }
        if (answer.status() == 429) {
            report.operation(RATE_LIMITED).failed(name + ": " + answer.reason());
            long waitMillis = Math.min(MAX_RETRY_WAIT_MILLIS, 1000 * answer.retryAfterSeconds().orElse(1L));
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            Thread.sleep(Math.max(0, Math.min(waitMillis, leftMillis)));
            return false;
        }
        report.operation(name).failed(answer.reason());
        return false;
    }

    private Map<String, Object> podBasics() {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("name", "loadgen-renter-" + number + "-pod-" + (++podsCreated));
        pod.put("image", "pytorch/pytorch:2.4.0-cuda12.4");
        pod.put("gpu_count", 1);
        pod.put("disk_gb", 20);
        return pod;
    }

    private void learnOffers(JsonNode page) {
        knownOffers.clear();
        for (JsonNode item : page.path("items")) {
            if (knownOffers.size() == MAX_KNOWN_OFFERS) {
                break;
            }
            knownOffers.add(KnownOffer.of(item));
        }
    }

    private KnownOffer anyKnownOffer() {
        return knownOffers.get(random.nextInt(knownOffers.size()));
    }

    private void forget(KnownOffer offer) {
        knownOffers.remove(offer);
    }

    static String dollars(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
