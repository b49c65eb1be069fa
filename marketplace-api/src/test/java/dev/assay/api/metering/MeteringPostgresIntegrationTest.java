package dev.assay.api.metering;

import dev.assay.api.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * {@link MeteringContract} on a real PostgreSQL, in a schema of its own (created here and dropped afterwards),
 * so the audit of "the whole ledger" sees only this test's rows and no other test's tables are touched.
 */
class MeteringPostgresIntegrationTest extends MeteringContract {

    private TestServices.Postgres pg;
    private String schema;

    @Override
    Map<String, Object> createDatabase() throws SQLException {
        pg = TestServices.postgres();
        schema = "assay_metering_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Map.of(
                "datasources.default.url", url,
                "datasources.default.username", pg.user(),
                "datasources.default.password", pg.password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    @Override
    void dropDatabase() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void execute(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
