package dev.assay.api.accounts;

import static dev.assay.api.accounts.AccountsHttp.assertProblem;
import static dev.assay.api.accounts.AccountsHttp.json;
import static dev.assay.api.accounts.AccountsHttp.keyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.accounts.AccountsHttp.SignedUp;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-up, key authentication, scopes, roles and organisation scoping, through HTTP on H2. */
@MicronautTest(transactional = false)
class AccountsApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    private AccountsHttp http;

    @BeforeEach
    void client() {
        http = new AccountsHttp(server);
    }

    @Test
    void signUpAnswers201WithAnOwnerKeyThatWorks() {
        HttpResponse<String> response = http.post("/v1/orgs", null,
                "{\"name\":\"  Lovelace Labs \",\"owner_email\":\"Ada@Example.COM\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        String orgId = body.path("organisation").path("id").asText();
        String key = body.path("api_key").path("key").asText();
        assertThat(orgId).matches("org_[0-9a-z]{26}");
        assertThat(body.path("organisation").path("name").asText()).isEqualTo("Lovelace Labs");
        assertThat(body.path("owner").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(body.path("owner").path("role").asText()).isEqualTo("owner");
        assertThat(body.path("api_key").path("role").asText()).isEqualTo("owner");
        assertThat(body.path("api_key").path("scopes")).extracting(JsonNode::asText)
                .containsExactly("read", "pods", "hosts", "billing");
        assertThat(key).matches("assay_key_[0-9a-z]{26}_[0-9A-Za-z]{43}");
        assertThat(key).startsWith("assay_" + body.path("api_key").path("id").asText() + "_");

        HttpResponse<String> me = http.get("/v1/orgs/me", key);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).path("organisation").path("id").asText()).isEqualTo(orgId);
        assertThat(json(me).path("api_key").path("id").asText()).isEqualTo(body.path("api_key").path("id").asText());
        assertThat(me.body()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
    }

    @Test
    void theStoredKeyRowHoldsTheHashOfTheSecretAndNeverTheSecret() throws SQLException {
        SignedUp org = http.signUp("Hash Check");
        String secret = org.key().substring(org.key().lastIndexOf('_') + 1);

        List<String> row = row("SELECT * FROM api_keys WHERE id = ?", org.keyId());

        assertThat(row).isNotEmpty();
        assertThat(row).noneMatch(value -> value != null && value.contains(secret));
        assertThat(row).noneMatch(value -> value != null && value.contains(secret.substring(8)));
        assertThat(single("SELECT secret_sha256 FROM api_keys WHERE id = ?", org.keyId()))
                .isEqualTo(ApiKeyCodec.sha256Hex(secret));
    }

    @Test
    void theCallerIsBoundWithTheKeysOrganisationRoleAndScopes() {
        SignedUp org = http.signUp("Binder");

        HttpResponse<String> response = http.get("/v1/test-accounts/whoami", org.key());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode caller = json(response);
        assertThat(caller.path("orgId").asText()).isEqualTo(org.orgId());
        assertThat(caller.path("apiKeyId").asText()).isEqualTo(org.keyId());
        assertThat(caller.path("role").asText()).isEqualTo("owner");
        assertThat(caller.path("operator").asBoolean()).isFalse();
    }

    @Test
    void protectedRoutesWithoutAKeyAnswer401ProblemWithABearerChallenge() {
        for (String path : List.of("/v1/orgs/me", "/v1/api-keys", "/v1/members", "/v1/test-accounts/whoami")) {
            HttpResponse<String> response = http.get(path, null);

            assertProblem(response, 401, "unauthenticated");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        assertProblem(http.post("/v1/api-keys", null, keyRequest("k", "member", "read")), 401, "unauthenticated");
        assertProblem(http.delete("/v1/api-keys/key_00000000000000000000000000", null), 401, "unauthenticated");
    }

    @Test
    void aWrongSecretAMalformedKeyOrAnotherSchemeAnswer401() {
        SignedUp org = http.signUp("Wrong Keys");
        String key = org.key();
        char last = key.charAt(key.length() - 1);
        String wrongSecret = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
        String unknownId = "assay_key_00000000000000000000000000_" + key.substring(key.lastIndexOf('_') + 1);

        for (String bad : List.of(wrongSecret, unknownId, "assay_", "nonsense", key + "x", key.toUpperCase(),
                "x".repeat(600))) {
            assertProblem(http.get("/v1/orgs/me", bad), 401, "unauthenticated");
        }
        assertProblem(http.withAuthorization("/v1/orgs/me", "Basic " + key), 401, "unauthenticated");
        assertProblem(http.withAuthorization("/v1/orgs/me", "Bearer"), 401, "unauthenticated");
        assertProblem(http.withAuthorization("/v1/orgs/me", key), 401, "unauthenticated");
        assertThat(http.withAuthorization("/v1/orgs/me", "bearer " + key).statusCode()).isEqualTo(200);
    }

    @Test
    void anOperatorKeyIsRefusedWhenNoneIsConfigured() {
        String candidate = "operator-key-that-nobody-configured-0123456789";

        assertProblem(http.get("/v1/test-accounts/whoami", candidate), 401, "unauthenticated");
    }

    @Test
    void aRevokedKeyAnswers401AndIsListedAsRevoked() {
        SignedUp org = http.signUp("Revocation");
        String second = http.createKey(org.key(), "CI", "member", "read", "pods");
        String secondId = keyIdOf(second);
        assertThat(http.get("/v1/test-accounts/whoami", second).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = http.delete("/v1/api-keys/" + secondId, org.key());

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertProblem(http.get("/v1/test-accounts/whoami", second), 401, "unauthenticated");
        assertThat(http.delete("/v1/api-keys/" + secondId, org.key()).statusCode()).isEqualTo(204);
        JsonNode listed = findKey(json(http.get("/v1/api-keys", org.key())), secondId);
        assertThat(listed.path("revoked_at").asText()).isNotBlank();
    }

    @Test
    void aKeyWithoutTheScopeAnswers403NamingIt() {
        SignedUp org = http.signUp("Scopes");
        String podsOnly = http.createKey(org.key(), "pods only", "member", "pods");

        JsonNode keys = assertProblem(http.get("/v1/api-keys", podsOnly), 403, "forbidden");
        JsonNode billing = assertProblem(http.get("/v1/test-accounts/billing", podsOnly), 403, "forbidden");

        assertThat(keys.path("detail").asText()).contains("'read'");
        assertThat(billing.path("detail").asText()).contains("'billing'");
        assertThat(http.get("/v1/test-accounts/billing", org.key()).statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerCannotCreateKeysAndNoRowIsWritten() throws SQLException {
        SignedUp org = http.signUp("Viewer");
        String viewer = http.createKey(org.key(), "dashboard", "viewer", "read");
        long before = count(org.orgId());

        JsonNode problem = assertProblem(http.post("/v1/api-keys", viewer, keyRequest("sneaky", "viewer", "read")),
                403, "forbidden");

        assertThat(problem.path("detail").asText()).contains("'admin'");
        assertThat(count(org.orgId())).isEqualTo(before);
        assertProblem(http.delete("/v1/api-keys/" + org.keyId(), viewer), 403, "forbidden");
        assertThat(http.get("/v1/orgs/me", org.key()).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewKeyGetsNoScopeAndNoRoleBeyondTheCallersAndNoRowIsWritten() throws SQLException {
        SignedUp org = http.signUp("Escalation");
        String admin = http.createKey(org.key(), "admin", "admin", "read", "pods");
        long before = count(org.orgId());

        JsonNode scope = assertProblem(http.post("/v1/api-keys", admin, keyRequest("more", "member", "read", "billing")),
                403, "forbidden");
        JsonNode role = assertProblem(http.post("/v1/api-keys", admin, keyRequest("owner", "owner", "read")),
                403, "forbidden");

        assertThat(scope.path("detail").asText()).contains("billing");
        assertThat(role.path("detail").asText()).contains("'owner'");
        assertThat(count(org.orgId())).isEqualTo(before);
        assertThat(http.post("/v1/api-keys", admin, keyRequest("same", "admin", "pods")).statusCode()).isEqualTo(201);
    }

    @Test
    void badKeyRequestsAnswer400NamingEachFieldAndWriteNoRow() throws SQLException {
        SignedUp org = http.signUp("Validation");
        long before = count(org.orgId());

        JsonNode unknownScope = assertProblem(http.post("/v1/api-keys", org.key(),
                keyRequest("ok", "member", "read", "sudo")), 400, "validation");
        JsonNode viewerWithPods = assertProblem(http.post("/v1/api-keys", org.key(),
                keyRequest("ok", "viewer", "read", "pods")), 400, "validation");
        JsonNode several = assertProblem(http.post("/v1/api-keys", org.key(),
                "{\"name\":\"" + "n".repeat(101) + "\",\"role\":\"emperor\",\"scopes\":[]}"), 400, "validation");
        JsonNode missing = assertProblem(http.post("/v1/api-keys", org.key(), "{}"), 400, "validation");

        assertThat(fields(unknownScope)).containsExactly("scopes[1]");
        assertThat(unknownScope.path("detail").asText()).contains("sudo");
        assertThat(fields(viewerWithPods)).containsExactly("scopes");
        assertThat(fields(several)).containsExactlyInAnyOrder("name", "role", "scopes");
        assertThat(fields(missing)).containsExactlyInAnyOrder("name", "scopes");
        assertThat(count(org.orgId())).isEqualTo(before);
    }

    @Test
    void badSignUpsAnswer400NamingEachFieldAndWriteNoRow() throws SQLException {
        long organisations = total("organisations");
        long users = total("users");

        List<String> bodies = List.of(
                "{}",
                "{\"name\":\"\",\"owner_email\":\"not-an-email\"}",
                "{\"name\":\"   \",\"owner_email\":\"a@b\"}",
                "{\"name\":\"" + "n".repeat(101) + "\",\"owner_email\":\"a@example.com\"}",
                "{\"name\":\"Tab\\tName\",\"owner_email\":\"" + "a".repeat(250) + "@example.com\"}",
                "{\"name\":\"ok\",\"owner_email\":\"two@@example.com\"}",
                "{\"name\":\"ok\",\"owner_email\":\"a@example..com\"}",
                "{\"name\":\"ok\",\"owner_email\":\"a b@example.com\"}");
        for (String body : bodies) {
            JsonNode problem = assertProblem(http.post("/v1/orgs", null, body), 400, "validation");
            assertThat(fields(problem)).as(body).isNotEmpty().isSubsetOf("name", "owner_email");
        }

        assertThat(total("organisations")).isEqualTo(organisations);
        assertThat(total("users")).isEqualTo(users);
    }

    @Test
    void unreadableBodiesAnswer400ProblemAndWriteNoRow() throws SQLException {
        SignedUp org = http.signUp("Malformed");
        long organisations = total("organisations");
        long keys = count(org.orgId());

        for (String body : List.of("{", "not json", "[]", "{\"name\":{\"x\":1},\"owner_email\":\"a@example.com\"}")) {
            HttpResponse<String> response = http.post("/v1/orgs", null, body);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        HttpResponse<String> scopesNotAList = http.post("/v1/api-keys", org.key(),
                "{\"name\":\"x\",\"scopes\":{\"read\":true}}");
        assertThat(scopesNotAList.statusCode()).as(scopesNotAList.body()).isEqualTo(400);

        assertThat(total("organisations")).isEqualTo(organisations);
        assertThat(count(org.orgId())).isEqualTo(keys);
    }

    @Test
    void anotherOrganisationsKeyIdAnswers404AndTheKeyKeepsWorking() {
        SignedUp mine = http.signUp("Mine");
        SignedUp theirs = http.signUp("Theirs");
        String theirOther = http.createKey(theirs.key(), "second", "member", "read");

        assertProblem(http.delete("/v1/api-keys/" + keyIdOf(theirOther), mine.key()), 404, "not-found");
        assertProblem(http.delete("/v1/api-keys/key_00000000000000000000000000", mine.key()), 404, "not-found");
        assertProblem(http.delete("/v1/api-keys/not-even-an-id", mine.key()), 404, "not-found");

        assertThat(http.get("/v1/test-accounts/whoami", theirOther).statusCode()).isEqualTo(200);
        JsonNode myKeys = json(http.get("/v1/api-keys", mine.key()));
        assertThat(myKeys.path("items")).extracting(k -> k.path("id").asText()).containsExactly(mine.keyId());
    }

    @Test
    void listingKeysShowsPrefixesAndNeverSecrets() {
        SignedUp org = http.signUp("Listing");
        String second = http.createKey(org.key(), "CI", "member", "read", "pods");

        HttpResponse<String> response = http.get("/v1/api-keys", org.key());

        assertThat(response.statusCode()).isEqualTo(200);
        for (String key : List.of(org.key(), second)) {
            assertThat(response.body()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
        }
        JsonNode listed = findKey(json(response), keyIdOf(second));
        assertThat(listed.path("name").asText()).isEqualTo("CI");
        assertThat(listed.path("role").asText()).isEqualTo("member");
        assertThat(listed.path("scopes")).extracting(JsonNode::asText).containsExactly("read", "pods");
        assertThat(listed.path("prefix").asText()).startsWith("assay_" + keyIdOf(second) + "_").hasSize(6 + 30 + 1 + 5);
        assertThat(listed.path("created_by_user_id").asText()).isEqualTo(org.userId());
        assertThat(json(response).path("items")).hasSize(2);
        assertThat(findKey(json(response), org.keyId()).path("last_used_at").asText()).isNotBlank();
        JsonNode neverUsed = listed.path("last_used_at");
        assertThat(neverUsed.isMissingNode() || neverUsed.isNull()).as(listed.toString()).isTrue();
    }

    @Test
    void theLastActiveOwnerKeyCannotBeRevoked() {
        SignedUp org = http.signUp("Last Owner");

        assertProblem(http.delete("/v1/api-keys/" + org.keyId(), org.key()), 409, "conflict");
        assertThat(http.get("/v1/orgs/me", org.key()).statusCode()).isEqualTo(200);

        String spare = http.createKey(org.key(), "spare owner", "owner", "read", "pods", "hosts", "billing");
        assertThat(http.delete("/v1/api-keys/" + org.keyId(), spare).statusCode()).isEqualTo(204);
        assertProblem(http.get("/v1/orgs/me", org.key()), 401, "unauthenticated");
    }

    @Test
    void anAdminCannotRevokeAnOwnerKey() {
        SignedUp org = http.signUp("Admin vs Owner");
        String admin = http.createKey(org.key(), "admin", "admin", "read");

        assertProblem(http.delete("/v1/api-keys/" + org.keyId(), admin), 403, "forbidden");
        assertThat(http.get("/v1/orgs/me", org.key()).statusCode()).isEqualTo(200);
    }

    @Test
    void ownersAndAdminsAddMembersWithinTheirRole() throws SQLException {
        SignedUp org = http.signUp("Members");
        String admin = http.createKey(org.key(), "admin", "admin", "read");
        String viewer = http.createKey(org.key(), "viewer", "viewer", "read");

        HttpResponse<String> added = http.post("/v1/members", admin, "{\"email\":\"Grace@Example.com\",\"role\":\"member\"}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).path("email").asText()).isEqualTo("grace@example.com");
        assertThat(json(added).path("role").asText()).isEqualTo("member");
        long members = count("memberships", org.orgId());
        assertProblem(http.post("/v1/members", admin, "{\"email\":\"grace@example.com\"}"), 409, "conflict");
        assertProblem(http.post("/v1/members", admin, "{\"email\":\"boss@example.com\",\"role\":\"owner\"}"),
                403, "forbidden");
        assertProblem(http.post("/v1/members", viewer, "{\"email\":\"v@example.com\"}"), 403, "forbidden");
        JsonNode bad = assertProblem(http.post("/v1/members", admin, "{\"email\":\"nope\",\"role\":\"king\"}"),
                400, "validation");
        assertThat(fields(bad)).containsExactlyInAnyOrder("email", "role");
        assertThat(count("memberships", org.orgId())).isEqualTo(members);

        JsonNode listed = json(http.get("/v1/members", viewer));
        assertThat(listed.path("items")).extracting(m -> m.path("role").asText() + " " + m.path("email").asText())
                .hasSize(2).contains("member grace@example.com")
                .anyMatch(entry -> entry.startsWith("owner owner-"));
    }

    @Test
    void theSameUserMayBelongToSeveralOrganisations() {
        SignedUp first = http.signUp("First");
        SignedUp second = http.signUp("Second");
        String email = json(http.get("/v1/members", first.key())).path("items").get(0).path("email").asText();

        HttpResponse<String> added = http.post("/v1/members", second.key(), "{\"email\":\"" + email + "\"}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).path("user_id").asText()).isEqualTo(first.userId());
    }

    @Test
    void publicRoutesNeedNoKeyAndUnknownRoutesAreNotDisguisedAs401() {
        assertThat(http.get("/v1/version", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/no-such-route", null).statusCode()).isEqualTo(404);
    }

    private JsonNode findKey(JsonNode list, String keyId) {
        for (JsonNode key : list.path("items")) {
            if (key.path("id").asText().equals(keyId)) {
                return key;
            }
        }
        throw new AssertionError("key " + keyId + " not listed in " + list);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static String keyIdOf(String key) {
        return key.substring("assay_".length(), key.lastIndexOf('_'));
    }

    private long count(String orgId) throws SQLException {
        return count("api_keys", orgId);
    }

    private long count(String table, String orgId) throws SQLException {
        return Long.parseLong(single("SELECT count(*) FROM " + table + " WHERE org_id = ?", orgId));
    }

    private long total(String table) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String single(String sql, String parameter) throws SQLException {
        List<String> row = row(sql, parameter);
        assertThat(row).hasSize(1);
        return row.get(0);
    }

    private List<String> row(String sql, String parameter) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                List<String> values = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        values.add(rs.getString(i));
                    }
                }
                return values;
            }
        }
    }
}
