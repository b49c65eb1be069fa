package dev.assay.api.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL ({@link TestServices#postgres()}), for one test class: Flyway
 * migrates it from empty, audits of "the whole ledger" see only that class's rows, and no other test's tables
 * are touched. {@link #close()} drops it.
 */
public final class PostgresSchema implements AutoCloseable {

    private final TestServices.Postgres pg;
    private final String name;

    private PostgresSchema(TestServices.Postgres pg, String name) {
        this.pg = pg;
        this.name = name;
    }

    /** A new, empty schema named {@code assay_<purpose>_<random>}. */
    public static PostgresSchema create(String purpose) {
        PostgresSchema schema = new PostgresSchema(TestServices.postgres(),
                "assay_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    public String name() {
        return name;
    }

    /** The default datasource on this schema: merge into the properties an application context starts with. */
    public Map<String, Object> datasource() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url",
                pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name);
        properties.put("datasources.default.username", pg.user());
        properties.put("datasources.default.password", pg.password() == null ? "" : pg.password());
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        return properties;
    }

    /** As {@link #datasource()}, with the gRPC server off and these properties on top. */
    public Map<String, Object> application(Map<String, Object> more) {
        Map<String, Object> properties = datasource();
        properties.put("grpc.server.enabled", false);
        properties.putAll(more);
        return properties;
    }

    /** A new connection whose default schema is this one; the caller closes it. */
    public Connection connection() throws SQLException {
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        c.setSchema(name);
        return c;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private void execute(String statement) {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + statement, e);
        }
    }
}
