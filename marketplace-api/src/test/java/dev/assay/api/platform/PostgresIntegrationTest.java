package dev.assay.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.settings.PlatformSettings;
import dev.assay.api.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Flyway migrates a real PostgreSQL and Hibernate reads what it wrote. */
class PostgresIntegrationTest {

    @Test
    void flywayMigratesPostgresAndHibernateReadsTheBaseline() throws SQLException {
        TestServices.Postgres pg = TestServices.postgres();
        String schema = "assay_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(pg, "CREATE SCHEMA " + schema);
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", withSchema(pg.jdbcUrl(), schema),
                "datasources.default.username", pg.user(),
                "datasources.default.password", pg.password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "micronaut.server.port", -1,
                "grpc.server.enabled", false), "test")) {

            Map<String, String> settings = context.getBean(PlatformSettings.class).all();

            assertThat(settings).containsEntry("platform_fee_bps", "1000");
            assertThat(appliedMigrations(pg, schema)).isGreaterThanOrEqualTo(1);
        } finally {
            execute(pg, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static String withSchema(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static int appliedMigrations(TestServices.Postgres pg, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(TestServices.Postgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
