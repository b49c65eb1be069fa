package dev.assay.api.testing;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives integration tests a real PostgreSQL and a real Redis, taken in this order:
 * <ol>
 *   <li>the services named by {@code TEST_PG_URL} / {@code TEST_PG_USER} / {@code TEST_PG_PASSWORD} and
 *       {@code TEST_REDIS_URI};</li>
 *   <li>otherwise containers started by Testcontainers, when a Docker engine answers;</li>
 *   <li>otherwise the test is skipped, unless {@code ASSAY_REQUIRE_SERVICES=1} (set by CI), in which case it
 *       fails: in CI a missing service is an error, never a silent skip.</li>
 * </ol>
 * Containers are started once per JVM and shared.
 */
public final class TestServices {

    /** How to reach a PostgreSQL server. */
    public record Postgres(String jdbcUrl, String user, String password) {}

    private static final String POSTGRES_IMAGE = "postgres:16-alpine";
    private static final String REDIS_IMAGE = "redis:7-alpine";

    private static Postgres postgres;
    private static String redisUri;

    private TestServices() {}

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = fromEnvironment("TEST_PG_URL")
                    .map(url -> new Postgres(url, env("TEST_PG_USER").orElse("postgres"), env("TEST_PG_PASSWORD").orElse("")))
                    .orElseGet(() -> fromDocker("PostgreSQL", "TEST_PG_URL", TestServices::startPostgres));
        }
        return postgres;
    }

    public static synchronized String redisUri() {
        if (redisUri == null) {
            redisUri = fromEnvironment("TEST_REDIS_URI")
                    .orElseGet(() -> fromDocker("Redis", "TEST_REDIS_URI", TestServices::startRedis));
        }
        return redisUri;
    }

    /** Whether CI asked for every service to be there (a missing one fails instead of skipping). */
    public static boolean servicesRequired() {
        return env("ASSAY_REQUIRE_SERVICES").map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    private static <T> T fromDocker(String service, String variable, Supplier<T> start) {
        if (dockerAvailable()) {
            return start.get();
        }
        String why = service + " is not available: set " + variable
                + " (see STACK.md for the local services) or start a Docker engine for Testcontainers";
        if (servicesRequired()) {
            return Assertions.fail(why + " (ASSAY_REQUIRE_SERVICES=1, so this fails instead of skipping)");
        }
        Assumptions.abort(why + "; skipped");
        throw new AssertionError("unreachable");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Postgres startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static String startRedis() {
        GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        container.start();
        return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
    }

    private static Optional<String> fromEnvironment(String name) {
        return env(name);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
