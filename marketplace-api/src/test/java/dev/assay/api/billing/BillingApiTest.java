package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.testing.ApiAnswers;
import dev.assay.api.testing.ApiClient;
import dev.assay.pricing.Money;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/billing} over HTTP: rights, money as exact strings, credits, the ledger's pages, every 4xx as problem+json. */
@MicronautTest(transactional = false)
@Property(name = "assay.operator-key", value = BillingApiTest.OPERATOR_KEY)
@Property(name = "assay.billing.max-credit-dollars", value = "1000")
class BillingApiTest {

    static final String OPERATOR_KEY = "op-billing-7d1f0c9a3e5b4a2c8e6f0a1b2c3d4e5f";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    EmbeddedServer server;

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    ApiClient client;
    LedgerSql sql;
    String orgId;
    String ownerKey;

    @BeforeEach
    void signUp() {
        client = new ApiClient(server);
        sql = LedgerSql.of(dataSource);
        HttpResponse<String> response = post("/v1/orgs", null, "{\"name\":\"Billing Org\",\"owner_email\":\"owner-"
                + UUID.randomUUID() + "@example.com\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        orgId = json(response).path("organisation").path("id").asText();
        ownerKey = json(response).path("api_key").path("key").asText();
    }

    @Test
    void aNewOrganisationHasZeroBalancesAsExactStrings() {
        HttpResponse<String> response = get("/v1/billing/balance", ownerKey);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("org_id").asText()).isEqualTo(orgId);
        assertThat(body.path("balance").path("dollars").asText()).isEqualTo("0.000000");
        assertThat(body.path("balance").path("micros").isIntegralNumber()).isTrue();
        assertThat(body.path("host_payable").path("dollars").asText()).isEqualTo("0.000000");
    }

    @Test
    void billingNeedsAKeyWithTheBillingScopeOfAnOrganisation() {
        String readOnly = createKey("{\"name\":\"viewer\",\"role\":\"viewer\",\"scopes\":[\"read\"]}");

        assertProblem(get("/v1/billing/balance", null), 401, "unauthenticated");
        assertProblem(get("/v1/billing/ledger", null), 401, "unauthenticated");
        assertThat(assertProblem(get("/v1/billing/balance", readOnly), 403, "forbidden").path("detail").asText())
                .contains("billing");
        assertProblem(get("/v1/billing/ledger", readOnly), 403, "forbidden");
        assertProblem(get("/v1/billing/balance", OPERATOR_KEY), 403, "forbidden");
    }

    @Test
    void theOperatorCreditsAnOrganisationOncePerReference() {
        String reference = "stripe-pi-" + UUID.randomUUID();
        String request = credit(orgId, "12.5", reference);

        HttpResponse<String> created = post("/v1/billing/credits", OPERATOR_KEY, request);
        HttpResponse<String> replayed = post("/v1/billing/credits", OPERATOR_KEY, request);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.path("org_id").asText()).isEqualTo(orgId);
        assertThat(body.path("amount").path("dollars").asText()).isEqualTo("12.500000");
        assertThat(body.path("amount").path("micros").asLong()).isEqualTo(12_500_000L);
        assertThat(body.path("reference").asText()).isEqualTo(reference);
        assertThat(body.path("transfer_id").asText()).startsWith("tr_");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(json(replayed).path("transfer_id").asText()).isEqualTo(body.path("transfer_id").asText());
        assertThat(json(get("/v1/billing/balance", ownerKey)).path("balance").path("dollars").asText())
                .isEqualTo("12.500000");
        assertThat(sql.count("SELECT COUNT(*) FROM ledger_transfers WHERE reference = ?", reference)).isEqualTo(1);
    }

    @Test
    void aReferenceReusedForAnotherAmountIsAConflictThatWritesNothing() {
        String reference = "ref-" + UUID.randomUUID();
        assertThat(post("/v1/billing/credits", OPERATOR_KEY, credit(orgId, "5", reference)).statusCode()).isEqualTo(201);
        long transfers = sql.transfers();

        JsonNode problem = assertProblem(post("/v1/billing/credits", OPERATOR_KEY, credit(orgId, "6", reference)),
                409, "conflict");

        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("reference");
        assertThat(sql.transfers()).isEqualTo(transfers);
        assertThat(json(get("/v1/billing/balance", ownerKey)).path("balance").path("micros").asLong())
                .isEqualTo(5_000_000L);
    }

    @Test
    void onlyTheOperatorGrantsCredit() {
        long transfers = sql.transfers();

        assertProblem(post("/v1/billing/credits", ownerKey, credit(orgId, "5", "self-" + orgId)), 403, "forbidden");
        assertProblem(post("/v1/billing/credits", null, credit(orgId, "5", "anon-" + orgId)), 401, "unauthenticated");

        assertThat(sql.transfers()).isEqualTo(transfers);
    }

    @Test
    void aBadCreditIsA400NamingTheFieldAndWritesNothing() {
        long transfers = sql.transfers();
        long accounts = sql.count("SELECT COUNT(*) FROM ledger_accounts");
        record Bad(String body, String field) {}
        List<Bad> cases = List.of(
                new Bad(credit(orgId, "-1", "r1"), "amount"),
                new Bad(credit(orgId, "0", "r2"), "amount"),
                new Bad(credit(orgId, "1.0000001", "r3"), "amount"),
                new Bad(credit(orgId, "ten", "r4"), "amount"),
                new Bad(credit(orgId, "1000.000001", "r5"), "amount"),
                new Bad("{\"org_id\":\"" + orgId + "\",\"reference\":\"r6\"}", "amount"),
                new Bad(credit(orgId, "1", "has space"), "reference"),
                new Bad(credit(orgId, "1", "x".repeat(101)), "reference"),
                new Bad("{\"org_id\":\"" + orgId + "\",\"amount\":\"1\"}", "reference"),
                new Bad(credit("org_doesnotexist", "1", "r7"), "org_id"),
                new Bad(credit("not an id", "1", "r8"), "org_id"),
                new Bad("{\"amount\":\"1\",\"reference\":\"r9\"}", "org_id"));

        for (Bad bad : cases) {
            JsonNode problem = assertProblem(post("/v1/billing/credits", OPERATOR_KEY, bad.body()), 400, "validation");
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).as(bad.body()).contains(bad.field());
        }
        assertProblem(post("/v1/billing/credits", OPERATOR_KEY, "{\"org_id\":"), 400, "malformed-request");

        assertThat(sql.transfers()).isEqualTo(transfers);
        assertThat(sql.count("SELECT COUNT(*) FROM ledger_accounts")).isEqualTo(accounts);
    }

    @Test
    void theLedgerIsPagedNewestFirst() {
        ledger.credit(orgId, Money.parse("10"), "seed-" + orgId);
        String pod = "pod_api_" + orgId.substring(4, 14);
        for (int i = 0; i < 4; i++) {
            ledger.chargeUsage(new UsageCharge(pod, orgId, "org_somehost", T0.plusSeconds(60L * i),
                    T0.plusSeconds(60L * (i + 1)), Money.parse("1"), 1000));
        }

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get("/v1/billing/ledger?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    ownerKey);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            json(page).path("items").forEach(items::add);
            cursor = json(page).path("next_cursor").isTextual() ? json(page).path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(items).hasSize(9);
        assertThat(pages).isEqualTo(3);
        JsonNode newest = items.getFirst();
        assertThat(newest.path("kind").asText()).isIn("usage", "fee");
        assertThat(newest.path("pod_id").asText()).isEqualTo(pod);
        assertThat(newest.path("period_from").asText()).isEqualTo("2026-03-01T10:03:00Z");
        assertThat(newest.path("from_account").asText()).isEqualTo("renter_balance");
        assertThat(newest.path("balance_change").path("dollars").asText()).startsWith("-0.");
        JsonNode oldest = items.getLast();
        assertThat(oldest.path("kind").asText()).isEqualTo("credit");
        assertThat(oldest.path("to_account").asText()).isEqualTo("renter_balance");
        assertThat(oldest.path("balance_change").path("dollars").asText()).isEqualTo("10.000000");
        assertThat(oldest.path("reference").asText()).isEqualTo("seed-" + orgId);
        assertThat(items.stream().map(i -> i.path("created_at").asText()).toList())
                .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        assertThat(json(get("/v1/billing/balance", ownerKey)).path("balance").path("dollars").asText())
                .isEqualTo("6.000000");
    }

    @Test
    void aBadLimitOrCursorIsA400NamingIt() {
        for (String limit : List.of("0", "201", "abc", "-5")) {
            JsonNode problem = assertProblem(get("/v1/billing/ledger?limit=" + limit, ownerKey), 400, "validation");
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("limit");
        }
        JsonNode problem = assertProblem(get("/v1/billing/ledger?cursor=bm9wZQ", ownerKey), 400, "validation");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("cursor");
        assertThat(get("/v1/billing/ledger?limit=200", ownerKey).statusCode()).isEqualTo(200);
    }

    private String createKey(String body) {
        HttpResponse<String> response = post("/v1/api-keys", ownerKey, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("key").asText();
    }

    private static String credit(String org, String amount, String reference) {
        return "{\"org_id\":\"" + org + "\",\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}";
    }

    private HttpResponse<String> get(String path, String key) {
        return client.send(authorised(HttpRequest.newBuilder(uri(path)).GET(), key));
    }

    private HttpResponse<String> post(String path, String key, String body) {
        return client.send(authorised(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key));
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String key) {
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiAnswers.json(response);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String typeSlug) {
        return ApiAnswers.assertProblem(response, status, typeSlug);
    }
}
