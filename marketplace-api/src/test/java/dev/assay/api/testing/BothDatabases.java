package dev.assay.api.testing;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application (no HTTP or gRPC server) twice: on H2 in PostgreSQL mode, as the embedded profile runs, and
 * on a PostgreSQL schema of its own ({@link PostgresSchema}), for tests that must hold on both databases.
 * Flyway migrates each from empty and Hibernate validates the entities against it as the application starts.
 */
public final class BothDatabases implements AutoCloseable {

    /** One of the two; its name is what a parameterized test shows. */
    public record Database(String name, ApplicationContext context) {
        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final PostgresSchema schema;
    private final List<Database> databases;

    private BothDatabases(PostgresSchema schema, List<Database> databases) {
        this.schema = schema;
        this.databases = databases;
    }

    /** Starts both; {@code purpose} names the PostgreSQL schema. */
    public static BothDatabases start(String purpose) {
        Map<String, Object> h2 = new HashMap<>();
        h2.put("grpc.server.enabled", false);
        ApplicationContext onH2 = ApplicationContext.run(h2, "test");
        PostgresSchema schema;
        ApplicationContext onPostgres;
        try {
            schema = PostgresSchema.create(purpose);
            try {
                onPostgres = ApplicationContext.run(schema.application(Map.of()), "test");
            } catch (RuntimeException e) {
                schema.close();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            onH2.close();
            throw e;
        }
        return new BothDatabases(schema, List.of(new Database("H2", onH2), new Database("PostgreSQL", onPostgres)));
    }

    public List<Database> all() {
        return databases;
    }

    @Override
    public void close() {
        databases.forEach(d -> d.context().close());
        schema.close();
    }
}
