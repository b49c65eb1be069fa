package dev.assay.api.accounts;

import static dev.assay.api.accounts.AccountsHttp.assertProblem;
import static dev.assay.api.accounts.AccountsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With {@code assay.operator-key} configured, that key (and only it) is the operator. */
@MicronautTest(transactional = false)
@Property(name = "assay.operator-key", value = OperatorKeyApiTest.OPERATOR_KEY)
class OperatorKeyApiTest {

    static final String OPERATOR_KEY = "op-test-5f0c1a9e2b7d4c8e9a1b3c5d7e9f1a2b";

    @Inject
    EmbeddedServer server;

    @Test
    void theConfiguredOperatorKeyAuthenticatesAsTheOperator() {
        AccountsHttp http = new AccountsHttp(server);

        HttpResponse<String> response = http.get("/v1/test-accounts/operator", OPERATOR_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode caller = json(response);
        assertThat(caller.path("operator").asBoolean()).isTrue();
        assertThat(caller.path("orgId").asText()).isEqualTo(Caller.OPERATOR_ORG_ID);
        assertThat(caller.path("scopes")).hasSize(Scope.values().length);
    }

    @Test
    void aNearMissOfTheOperatorKeyIsRefused() {
        AccountsHttp http = new AccountsHttp(server);
        String nearMiss = OPERATOR_KEY.substring(0, OPERATOR_KEY.length() - 1) + "c";

        assertProblem(http.get("/v1/test-accounts/operator", nearMiss), 401, "unauthenticated");
        assertProblem(http.get("/v1/test-accounts/operator", OPERATOR_KEY + "x"), 401, "unauthenticated");
    }

    @Test
    void anOrganisationsOwnerKeyIsNotTheOperator() {
        AccountsHttp http = new AccountsHttp(server);
        AccountsHttp.SignedUp org = http.signUp("Not Operator");

        assertProblem(http.get("/v1/test-accounts/operator", org.key()), 403, "forbidden");
    }

    @Test
    void theOperatorBelongsToNoOrganisationSoOrganisationEndpointsRefuseIt() {
        AccountsHttp http = new AccountsHttp(server);

        assertProblem(http.get("/v1/orgs/me", OPERATOR_KEY), 403, "forbidden");
        assertProblem(http.post("/v1/api-keys", OPERATOR_KEY, AccountsHttp.keyRequest("x", "member", "read")),
                403, "forbidden");
        assertProblem(http.post("/v1/members", OPERATOR_KEY, "{\"email\":\"op@example.com\"}"), 403, "forbidden");
    }
}
