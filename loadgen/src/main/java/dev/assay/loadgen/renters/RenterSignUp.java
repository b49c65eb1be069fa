package dev.assay.loadgen.renters;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a SIMULATED renter's organisation before the measured window: {@code POST /v1/orgs} (its owner key has
 * every scope), then, given the operator key, {@code POST /v1/billing/credits} so it can pay for pods. A 429
 * here (the operator key has one token bucket, like any key) is waited out, not counted: signing up is set-up.
 */
final class RenterSignUp {

    /** Enough for minutes of pods at demo prices; below the marketplace's default max credit of $10,000. */
    static final String CREDIT_DOLLARS = "1000.00";
    private static final int MAX_TRIES = 20;

    private final MarketClient client;
    private final Optional<String> operatorKey;
    private final String runId;

    RenterSignUp(MarketClient client, Optional<String> operatorKey, String runId) {
        this.client = client;
        this.operatorKey = operatorKey;
        this.runId = runId;
    }

    /** A renter's organisation and owner key. */
    record Account(String orgId, String key) {}

    Account signUp(int renter) throws IOException, InterruptedException {
        String who = "loadgen-" + runId + "-renter-" + renter;
        JsonNode created = expect(() -> client.post("/v1/orgs", null, Map.of(
                "name", "SIMULATED renter " + renter + " (loadgen " + runId + ")",
                "owner_email", who + "@loadgen.invalid")), "sign up renter " + renter);
        Account account = new Account(created.path("organisation").path("id").asText(),
                created.path("api_key").path("key").asText());
        if (operatorKey.isPresent()) {
            expect(() -> client.post("/v1/billing/credits", operatorKey.get(), Map.of("org_id", account.orgId(),
                    "amount", CREDIT_DOLLARS, "reference", who)), "credit renter " + renter);
        }
        return account;
    }

    private interface Call {
        MarketClient.Answer send() throws IOException, InterruptedException;
    }

    private static JsonNode expect(Call call, String what) throws IOException, InterruptedException {
        for (int tries = 1; ; tries++) {
            MarketClient.Answer answer = call.send();
            if (answer.ok()) {
                return answer.json();
            }
            if (answer.status() != 429 || tries == MAX_TRIES) {
                throw new IllegalStateException("cannot " + what + ": " + answer.reason());
            }
            Thread.sleep(1000 * answer.retryAfterSeconds().orElse(1L));
        }
    }
}
