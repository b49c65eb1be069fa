package dev.assay.loadgen.renters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of the marketplace's REST API for the renters (sign-up, credit, search, offer, pods), in process on
 * loopback. It answers every {@code rateLimitEvery}-th search with a 429, and keeps the pods it has placed and not
 * yet seen stopped or deleted, so a test can check that a run leaves nothing running.
 */
final class FakeMarketplace implements AutoCloseable {

    static final String OFFERS = """
            {"query":"q","total_matched":2,"total_matched_exact":true,"items":[
             {"id":"hst_a-2","host_id":"hst_a","num_gpus":2,"min_bid_per_gpu_hour":{"dollars":"0.200000","micros":200000}},
             {"id":"hst_b-1","host_id":"hst_b","num_gpus":1,"min_bid_per_gpu_hour":{"dollars":"0.300000","micros":300000}}]}
            """;

    final AtomicInteger signUps = new AtomicInteger();
    final AtomicInteger credits = new AtomicInteger();
    final AtomicInteger searches = new AtomicInteger();
    final AtomicInteger rateLimited = new AtomicInteger();
    final AtomicInteger podsPlaced = new AtomicInteger();
    final AtomicInteger bids = new AtomicInteger();
    final AtomicInteger unauthenticated = new AtomicInteger();
    final Set<String> livePods = ConcurrentHashMap.newKeySet();
    final Set<String> keys = ConcurrentHashMap.newKeySet();

    /** Searches from this one on never answer (a server that stopped), while the others still do. */
    volatile int hangFromSearch = Integer.MAX_VALUE;

    private final HttpServer server;
    private final int rateLimitEvery;
    private final AtomicInteger podIds = new AtomicInteger();

    FakeMarketplace(int rateLimitEvery) throws IOException {
        this.rateLimitEvery = rateLimitEvery;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String request = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("Authorization");
            if (method.equals("POST") && path.equals("/v1/orgs")) {
                int n = signUps.incrementAndGet();
                keys.add("Bearer key-" + n);
                answer(exchange, 201, "{\"organisation\":{\"id\":\"org_" + n + "\"},\"api_key\":{\"key\":\"key-" + n + "\"}}");
            } else if (method.equals("POST") && path.equals("/v1/billing/credits")) {
                credits.incrementAndGet();
                answer(exchange, "Bearer operator".equals(key) && request.contains("\"amount\"") ? 201 : 401, "{}");
            } else if (key == null || !keys.contains(key)) {
                unauthenticated.incrementAndGet();
                answer(exchange, 401, "{\"title\":\"Authentication required\"}");
            } else if (method.equals("GET") && path.equals("/v1/offers")) {
                int search = searches.incrementAndGet();
                if (search >= hangFromSearch) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (search % rateLimitEvery == 0) {
                    rateLimited.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    answer(exchange, 429, "{\"title\":\"Too many requests\",\"status\":429}");
                } else {
                    answer(exchange, 200, OFFERS);
                }
            } else if (method.equals("GET") && path.startsWith("/v1/offers/")) {
                answer(exchange, 200, "{\"offer\":{}}");
            } else if (method.equals("POST") && path.equals("/v1/pods")) {
                podsPlaced.incrementAndGet();
                if (request.contains("INTERRUPTIBLE")) {
                    bids.incrementAndGet();
                }
                String id = "pod_" + podIds.incrementAndGet();
                livePods.add(id);
                answer(exchange, 201, "{\"id\":\"" + id + "\",\"state\":\"SCHEDULED\"}");
            } else if (method.equals("POST") && path.endsWith("/stop")) {
                String id = path.substring("/v1/pods/".length(), path.length() - "/stop".length());
                answer(exchange, livePods.remove(id) ? 200 : 404, "{\"title\":\"Not found\"}");
            } else {
                answer(exchange, 404, "{\"title\":\"Not found\",\"detail\":\"" + method + " " + path + "\"}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
