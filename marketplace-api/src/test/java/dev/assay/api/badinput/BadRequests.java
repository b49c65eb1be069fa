package dev.assay.api.badinput;

import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.delete;
import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.get;
import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.post;
import static dev.assay.api.badinput.BadInputSuiteTest.BadRequest.put;

import dev.assay.api.badinput.BadInputSuiteTest.BadRequest;
import dev.assay.api.badinput.BadInputSuiteTest.World;
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
}
