package dev.assay.api.accounts;

import static dev.assay.api.accounts.AccountsHttp.assertProblem;
import static dev.assay.api.accounts.AccountsHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.accounts.AccountsHttp.SignedUp;
import dev.assay.api.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-up and key authentication on a real PostgreSQL, in a schema of its own. */
class AccountsPostgresIntegrationTest {

    @Test
    void signUpOnPostgresGivesAKeyThatAuthenticatesUntilRevoked() throws SQLException {
        TestServices.Postgres pg = TestServices.postgres();
        String schema = "assay_acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(pg, "CREATE SCHEMA " + schema);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", withSchema(pg.jdbcUrl(), schema),
                "datasources.default.username", pg.user(),
                "datasources.default.password", pg.password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "grpc.server.enabled", false), "test")) {
            AccountsHttp http = new AccountsHttp(server);

            SignedUp org = http.signUp("Postgres Org");
            String member = http.createKey(org.key(), "CI", "member", "read", "pods");
            HttpResponse<String> me = http.get("/v1/orgs/me", member);

            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(json(me).path("organisation").path("id").asText()).isEqualTo(org.orgId());
            String secret = org.key().substring(org.key().lastIndexOf('_') + 1);
            assertThat(storedHash(pg, schema, org.keyId())).isEqualTo(ApiKeyCodec.sha256Hex(secret))
                    .doesNotContain(secret);

            String memberId = member.substring("assay_".length(), member.lastIndexOf('_'));
            assertThat(http.delete("/v1/api-keys/" + memberId, org.key()).statusCode()).isEqualTo(204);
            assertProblem(http.get("/v1/orgs/me", member), 401, "unauthenticated");
            assertProblem(http.delete("/v1/api-keys/" + org.keyId(), org.key()), 409, "conflict");
            assertProblem(http.post("/v1/orgs", null, "{\"name\":\"\",\"owner_email\":\"x\"}"), 400, "validation");
        } finally {
            execute(pg, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static String storedHash(TestServices.Postgres pg, String schema, String keyId) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                PreparedStatement s = c.prepareStatement(
                        "SELECT secret_sha256 FROM " + schema + ".api_keys WHERE id = ?")) {
            s.setString(1, keyId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String withSchema(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(TestServices.Postgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
