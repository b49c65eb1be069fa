package dev.assay.api.badinput;

import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.delete;
import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.get;
import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.post;
import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.put;

import dev.assay.api.badinput.BadInputSuiteTest.BadRequest;
import dev.assay.api.badinput.BadInputSuiteTest.World;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link BadInputSuiteTest}, by area. Each name says what is wrong with the request. */
final class BadRequests {

    /** Strings that must never reach SQL, a shell or a log unescaped; here they only ever earn a 4xx. */
    static final String SQL_INJECTION = "x' OR '1'='1'; DROP TABLE pods; --";

    private BadRequests() {}

    static List<BadRequest> all(World w, String operatorKey) {
        List<BadRequest> all = new ArrayList<>();
        all.addAll(authentication(w));
        all.addAll(protocol(w));
        all.addAll(accounts(w));
        all.addAll(billing(w, operatorKey));
        all.addAll(offers(w));
        all.addAll(pods(w));
        all.addAll(hosts(w));
        return all;
    }

    static List<BadRequest> authentication(World w) {
        return List.of(
                get("no Authorization header", "/v1/orgs/me", null, 401),
                get("a key that is not one of ours", "/v1/orgs/me", "not-a-key", 401),
                get("Basic instead of Bearer", "/v1/orgs/me", null, 401).withAuthorization("Basic dXNlcjpwYXNz"),
                get("Bearer with nothing after it", "/v1/orgs/me", null, 401).withAuthorization("Bearer "),
                get("a revoked key", "/v1/orgs/me", w.revoked(), 401),
                get("a well-formed key that does not exist", "/v1/orgs/me",
                        "assay_key_00000000000000000000000000_" + "0".repeat(43), 401),
                get("a key with an injection string", "/v1/orgs/me", "assay_" + SQL_INJECTION, 401),
                post("a viewer key creating a key", "/v1/api-keys", w.readOnly(),
                        "{\"name\":\"k\",\"role\":\"viewer\",\"scopes\":[\"read\"]}", 403),
                post("a member key creating a key", "/v1/api-keys", w.member(),
                        "{\"name\":\"k\",\"role\":\"member\",\"scopes\":[\"read\"]}", 403),
                post("a renter granting itself credit", "/v1/billing/credits", w.owner(),
                        "{\"org_id\":\"x\",\"amount\":\"10.00\",\"reference\":\"r1\"}", 403),
                get("a viewer key reading billing without the billing scope", "/v1/billing/balance", w.readOnly(),
                        403));
    }

    static List<BadRequest> protocol(World w) {
        return List.of(
                post("a body that is not JSON", "/v1/orgs", null, "name=x&owner_email=y", 400),
                post("a JSON array instead of an object", "/v1/orgs", null, "[1,2,3]", 400),
                post("truncated JSON", "/v1/orgs", null, "{\"name\":\"x\",", 400),
                post("plain text content type", "/v1/orgs", null, "{\"name\":\"x\"}", 415)
                        .withContentType("text/plain"),
                post("a body over the 1 MB limit", "/v1/orgs", null,
                        "{\"name\":\"" + "x".repeat(1_200_000) + "\",\"owner_email\":\"a@b.co\"}", 413),
                post("an Idempotency-Key reused with another body", "/v1/api-keys", w.owner(),
                        "{\"name\":\"idem-other\",\"role\":\"member\",\"scopes\":[\"read\"]}", 422)
                        .withHeader("Idempotency-Key", w.idempotencyKeyUsed()),
                post("an Idempotency-Key of 300 characters", "/v1/api-keys", w.owner(),
                        "{\"name\":\"k\",\"role\":\"member\",\"scopes\":[\"read\"]}", 400)
                        .withHeader("Idempotency-Key", "k".repeat(300)),
                put("PUT on a route that only reads", "/v1/orgs/me", w.owner(), "{}", 405),
                delete("DELETE on the organisation", "/v1/orgs/me", w.owner(), 405),
                get("an unknown route", "/v1/no-such-thing", w.owner(), 404),
                get("members listed without a key", "/v1/members", null, 401),
                post("sign-up with a JSON null body", "/v1/orgs", null, "null", 400));
    }

    static List<BadRequest> accounts(World w) {
        return List.of(
                post("sign-up with an empty object", "/v1/orgs", null, "{}", 400),
                post("sign-up with a 101-character name", "/v1/orgs", null,
                        "{\"name\":\"" + "n".repeat(101) + "\",\"owner_email\":\"a@example.com\"}", 400),
                post("sign-up with an invalid e-mail", "/v1/orgs", null,
                        "{\"name\":\"ok\",\"owner_email\":\"not-an-email\"}", 400),
                post("sign-up with a number for the name", "/v1/orgs", null,
                        "{\"name\":{\"nested\":true},\"owner_email\":\"a@example.com\"}", 400),
                post("sign-up with an injection string as e-mail", "/v1/orgs", null,
                        "{\"name\":\"ok\",\"owner_email\":\"" + SQL_INJECTION + "\"}", 400),
                post("a key with an unknown scope", "/v1/api-keys", w.owner(),
                        "{\"name\":\"k\",\"role\":\"member\",\"scopes\":[\"root\"]}", 400),
                post("a key with an unknown role", "/v1/api-keys", w.owner(),
                        "{\"name\":\"k\",\"role\":\"superuser\",\"scopes\":[\"read\"]}", 400),
                post("a key whose scopes are a string", "/v1/api-keys", w.owner(),
                        "{\"name\":\"k\",\"role\":\"member\",\"scopes\":\"read\"}", 400),
                post("a key with an empty name", "/v1/api-keys", w.owner(),
                        "{\"name\":\"\",\"role\":\"member\",\"scopes\":[\"read\"]}", 400),
                delete("revoking another organisation's key", "/v1/api-keys/" + w.otherOrgKeyId(), w.owner(), 404),
                delete("revoking a key named by an injection string", "/v1/api-keys/x'%20OR%20'1'='1", w.owner(),
                        404),
                post("a member with an invalid e-mail", "/v1/members", w.owner(),
                        "{\"email\":\"nope\",\"role\":\"member\"}", 400),
                post("a member with an unknown role", "/v1/members", w.owner(),
                        "{\"email\":\"x@example.com\",\"role\":\"emperor\"}", 400),
                post("a viewer adding a member", "/v1/members", w.readOnly(),
                        "{\"email\":\"x@example.com\",\"role\":\"member\"}", 403));
    }

    static List<BadRequest> billing(World w, String operatorKey) {
        return List.of(
                get("a ledger page of 0 entries", "/v1/billing/ledger?limit=0", w.owner(), 400),
                get("a ledger page of -1 entries", "/v1/billing/ledger?limit=-1", w.owner(), 400),
                get("a member key reading the balance without the billing scope", "/v1/billing/balance",
                        w.member(), 403),
                get("a ledger page size that is not a number", "/v1/billing/ledger?limit=abc", w.owner(), 400),
                get("a ledger page of 100000 entries", "/v1/billing/ledger?limit=100000", w.owner(), 400),
                get("a ledger cursor we never made", "/v1/billing/ledger?cursor=garbage", w.owner(), 400),
                post("a negative credit", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"" + w.otherOrgId() + "\",\"amount\":\"-5.00\",\"reference\":\"neg\"}", 400),
                post("a credit of 1e309 dollars", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"" + w.otherOrgId() + "\",\"amount\":\"1e309\",\"reference\":\"huge\"}", 400),
                post("a credit beyond what a long holds", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"" + w.otherOrgId() + "\",\"amount\":\"99999999999999999999\","
                                + "\"reference\":\"over\"}", 400),
                post("a credit with seven decimals", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"" + w.otherOrgId() + "\",\"amount\":\"1.0000001\",\"reference\":\"frac\"}",
                        400),
                post("a credit to an organisation that does not exist", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"org_doesnotexist\",\"amount\":\"5.00\",\"reference\":\"ghost\"}", 400),
                post("a credit without a reference", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"" + w.otherOrgId() + "\",\"amount\":\"5.00\"}", 400),
                post("a credit to an injection string", "/v1/billing/credits", operatorKey,
                        "{\"org_id\":\"" + SQL_INJECTION + "\",\"amount\":\"5.00\",\"reference\":\"inj\"}", 400));
    }

    static List<BadRequest> offers(World w) {
        return List.of(
                get("an offer query on a field that does not exist", "/v1/offers?q=" + query("colour=red"),
                        w.owner(), 400),
                get("an offer query that is an injection string", "/v1/offers?q=" + query(SQL_INJECTION),
                        w.owner(), 400),
                get("an offer query comparing a number to a word", "/v1/offers?q=" + query("gpu_ram>=lots"),
                        w.owner(), 400),
                get("offers with a limit of 0", "/v1/offers?limit=0", w.owner(), 400),
                get("offers with a limit that is not a number", "/v1/offers?limit=many", w.owner(), 400),
                get("an offer id that does not exist", "/v1/offers/hst_nosuchhost-1", w.owner(), 404),
                get("GPU types without a key", "/v1/gpu-types", null, 401),
                get("usage for a window that ends before it starts",
                        "/v1/billing/usage?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", w.owner(), 400),
                get("usage from a date that is not an instant", "/v1/billing/usage?from=yesterday", w.owner(), 400),
                get("usage over a window of two years",
                        "/v1/billing/usage?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", w.owner(), 400),
                get("usage listing 0 pods", "/v1/billing/usage?limit=0", w.owner(), 400),
                get("usage up to the first instant Java knows", "/v1/billing/usage?to=-1000000000-01-01T00:00:00Z",
                        w.owner(), 400),
                get("usage from the year 200000", "/v1/billing/usage?from=%2B200000-01-01T00:00:00Z"
                        + "&to=%2B200000-02-01T00:00:00Z", w.owner(), 400),
                get("a pod cursor from the year 200000", "/v1/pods?cursor=" + java.util.Base64.getUrlEncoder()
                        .withoutPadding().encodeToString("6249223699200.0.pod_x".getBytes()), w.owner(), 400));
    }

    static List<BadRequest> pods(World w) {
        String pod = "/v1/pods/" + w.otherOrgPodId();
        return List.of(
                post("a pod of -1 GPUs", "/v1/pods", w.owner(), pod("\"gpu_count\":-1"), 400),
                post("a pod whose GPU count is a word", "/v1/pods", w.owner(), pod("\"gpu_count\":\"two\""), 400),
                post("a pod of 1000 GPUs", "/v1/pods", w.owner(), pod("\"gpu_count\":1000"), 400),
                post("a pod whose image is an injection string", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"image\":\"" + SQL_INJECTION + "\""), 400),
                post("a pod whose image is 300 characters", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"image\":\"" + "a".repeat(300) + "\""), 400),
                post("a pod whose environment holds 40 kB", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"env\":{\"BIG\":\"" + "x".repeat(40_000) + "\"}"), 400),
                post("a pod with an environment name that starts with a digit", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"env\":{\"1BAD\":\"x\"}"), 400),
                post("a pod exposing port 70000", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"ports\":[\"70000/tcp\"]"), 400),
                post("a pod exposing port 0", "/v1/pods", w.owner(), pod("\"gpu_count\":1,\"ports\":[\"0/http\"]"),
                        400),
                post("a pod with 0 GB of disk", "/v1/pods", w.owner(), pod("\"gpu_count\":1,\"disk_gb\":0"), 400),
                post("a pod with a petabyte of disk", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"disk_gb\":1000000000"), 400),
                post("an interruptible pod without a bid", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"type\":\"INTERRUPTIBLE\""), 400),
                post("an interruptible pod bidding -0.10", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"type\":\"INTERRUPTIBLE\",\"bid_per_gpu_hour\":\"-0.10\""), 400),
                post("an interruptible pod bidding 1e309", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"type\":\"INTERRUPTIBLE\",\"bid_per_gpu_hour\":\"1e309\""), 400),
                post("a pod of an unknown type", "/v1/pods", w.owner(), pod("\"gpu_count\":1,\"type\":\"FREE\""),
                        400),
                post("a pod with both an offer and requirements", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"offer_id\":\"" + w.ownHostId() + "\",\"requirements\":{}"), 400),
                post("a pod whose requirements query names an unknown field", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"requirements\":{\"query\":\"flavour=vanilla\"}"), 400),
                post("a pod with a negative maximum price", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"requirements\":{\"max_price_per_hour\":\"-1\"}"), 400),
                post("a pod on an offer that does not exist", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"offer_id\":\"hst_nosuchhost-1\""), 404),
                post("a pod no host can hold", "/v1/pods", w.owner(),
                        pod("\"gpu_count\":1,\"requirements\":{\"gpu_models\":[\"B200\"],\"regions\":[\"nowhere-1\"]}"),
                        409),
                post("a viewer key renting a pod", "/v1/pods", w.readOnly(), pod("\"gpu_count\":1"), 403),
                get("another organisation's pod", pod, w.owner(), 404),
                post("stopping another organisation's pod", pod + "/stop", w.owner(), null, 404),
                post("starting another organisation's pod", pod + "/start", w.owner(), null, 404),
                delete("deleting another organisation's pod", pod, w.owner(), 404),
                put("changing another organisation's bid", pod + "/bid", w.owner(),
                        "{\"bid_per_gpu_hour\":\"9.99\"}", 404),
                get("pods filtered by a state that does not exist", "/v1/pods?state=DANCING", w.owner(), 400),
                get("a pod page of 0 pods", "/v1/pods?limit=0", w.owner(), 400),
                get("a pod cursor we never made", "/v1/pods?cursor=" + SQL_INJECTION.replace(" ", "%20")
                        .replace("'", "%27").replace(";", "%3B"), w.owner(), 400));
    }

    static List<BadRequest> hosts(World w) {
        String own = "/v1/hosts/" + w.ownHostId();
        String other = "/v1/hosts/" + w.otherOrgHostId();
        return List.of(
                put("an offer at a negative price", own + "/offer", w.owner(), offer("-0.50", "1"), 400),
                put("an offer at 1e309 dollars", own + "/offer", w.owner(), offer("1e309", "1"), 400),
                put("an offer at $5,000 per GPU-hour", own + "/offer", w.owner(), offer("5000", "1"), 400),
                put("an offer of pods of 0 GPUs", own + "/offer", w.owner(), offer("0.40", "0"), 400),
                put("an offer of pods larger than the machine", own + "/offer", w.owner(), offer("0.40", "64"), 400),
                put("an offer that ended yesterday", own + "/offer", w.owner(),
                        "{\"on_demand_per_gpu_hour\":\"0.40\",\"min_bid_per_gpu_hour\":\"0.20\","
                                + "\"min_gpus_per_pod\":1,\"storage_per_gb_month\":\"0.10\","
                                + "\"available_until\":\"2020-01-01T00:00:00Z\"}", 400),
                put("an offer whose price is a JSON object", own + "/offer", w.owner(),
                        "{\"on_demand_per_gpu_hour\":{\"dollars\":1},\"min_gpus_per_pod\":1}", 400),
                put("an offer on another organisation's host", other + "/offer", w.owner(), offer("0.40", "1"), 404),
                put("a viewer key changing an offer", own + "/offer", w.readOnly(), offer("0.40", "1"), 403),
                delete("unlisting another organisation's host", other + "/offer", w.owner(), 404),
                get("another organisation's host", other, w.owner(), 404),
                get("another organisation's earnings", other + "/earnings", w.owner(), 404),
                get("another organisation's price advice", other + "/price-advice", w.owner(), 404),
                get("a host named by an injection string", "/v1/hosts/x'%20OR%20'1'='1", w.owner(), 404),
                post("an enrollment token that lives 10,000 hours", "/v1/hosts/enrollment-tokens", w.owner(),
                        "{\"expires_in_hours\":10000}", 400),
                post("an enrollment token made with a viewer key", "/v1/hosts/enrollment-tokens", w.readOnly(),
                        "{\"expires_in_hours\":24}", 403));
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A pod request: {@code fields} plus a name, an image and a disk wherever {@code fields} gives none. */
    private static String pod(String fields) {
        StringBuilder json = new StringBuilder("{\"name\":\"bad\"");
        if (!fields.contains("\"image\"")) {
            json.append(",\"image\":\"ubuntu:24.04\"");
        }
        if (!fields.contains("\"disk_gb\"")) {
            json.append(",\"disk_gb\":10");
        }
        return json.append(',').append(fields).append('}').toString();
    }

    private static String offer(String price, String minGpus) {
        return "{\"on_demand_per_gpu_hour\":\"" + price + "\",\"min_bid_per_gpu_hour\":\"0.10\","
                + "\"min_gpus_per_pod\":" + minGpus + ",\"storage_per_gb_month\":\"0.10\"}";
    }
}
