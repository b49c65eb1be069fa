package dev.assay.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the scale-out tests share: a PostgreSQL schema of their own (in the database of {@code TEST_PG_URL}), a
 * Redis server of their own (a process they can stop and start again), and the production settings of a
 * marketplace instance using both.
 */
final class ScaleOutServices implements AutoCloseable {

    static final String OPERATOR_KEY = "op-scale-out-" + "3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e2b";

    final String schema;
    final String databaseUrl;
    final String databaseUser;
    final String databasePassword;
    final RedisServer redis;
    final Path caDir;

    private ScaleOutServices(String schema, String databaseUrl, String user, String password, RedisServer redis,
            Path caDir) {
        this.schema = schema;
        this.databaseUrl = databaseUrl;
        this.databaseUser = user;
        this.databasePassword = password;
        this.redis = redis;
        this.caDir = caDir;
    }

    /** A fresh schema and Redis; without TEST_PG_URL the test is skipped, unless CI requires services. */
    static ScaleOutServices start(Path work) throws Exception {
        String base = System.getenv("TEST_PG_URL");
        if (base == null || base.isBlank()) {
            assertThat(System.getenv("ASSAY_REQUIRE_SERVICES")).as("TEST_PG_URL is required in CI").isNotEqualTo("1");
            assumeThat(base).as("TEST_PG_URL (PostgreSQL for the scale-out tests)").isNotBlank();
        }
        String user = System.getenv().getOrDefault("TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("TEST_PG_PASSWORD", "");
        String schema = "scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(base, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new ScaleOutServices(schema, url, user, password, RedisServer.start(work.resolve("redis")),
                work.resolve("agent-ca"));
    }

    /** The environment of a production instance on these services. */
    Map<String, String> instanceEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MICRONAUT_ENVIRONMENTS", "prod");
        environment.put("ASSAY_DB_URL", databaseUrl);
        environment.put("ASSAY_DB_USER", databaseUser);
        environment.put("ASSAY_DB_PASSWORD", databasePassword);
        environment.put("ASSAY_DB_POOL_SIZE", "6");
        environment.put("ASSAY_REDIS_URI", "redis://127.0.0.1:" + redis.port);
        environment.put("ASSAY_AGENT_CA_DIR", caDir.toString());
        environment.put("ASSAY_OPERATOR_KEY", OPERATOR_KEY);
        environment.put("ASSAY_AGENT_HEARTBEAT", "1s");
        environment.put("ASSAY_AGENT_OFFLINE_AFTER", "10s");
        environment.put("ASSAY_METERING_INTERVAL", "2s");
        return environment;
    }

    static List<String> instanceProperties() {
        return List.of("-Dassay.agents.presence-sweep=1s", "-Dassay.live.lease-ttl=5s");
    }

    long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The ledger's own invariants, recomputed: every balance is its transfers, and the balances sum to zero. */
    void assertLedgerBalances() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM ledger_accounts a WHERE a.balance_micros <>"
                + " COALESCE((SELECT SUM(t.amount_micros) FROM ledger_transfers t WHERE t.credit_account_id = a.id), 0)"
                + " - COALESCE((SELECT SUM(t.amount_micros) FROM ledger_transfers t WHERE t.debit_account_id = a.id), 0)"))
                .as("accounts whose balance is not the sum of their transfers").isZero();
        assertThat(count("SELECT COALESCE(SUM(balance_micros), 0) FROM ledger_accounts")).as("money made or lost")
                .isZero();
    }

    /** No GPU of any host held by two pods at once. */
    void assertNoGpuHeldTwice() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM (SELECT host_id, gpu_indices FROM pods"
                + " WHERE state IN ('SCHEDULED', 'STARTING', 'RUNNING', 'STOPPING')"
                + " GROUP BY host_id, gpu_indices HAVING COUNT(*) > 1) twice")).isZero();
    }

    @Override
    public void close() throws Exception {
        redis.stop();
        String base = System.getenv("TEST_PG_URL");
        try (Connection connection = DriverManager.getConnection(base, databaseUser, databasePassword);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** A redis-server process on a port of its own, without persistence: stopped, it forgets everything. */
    static final class RedisServer {
        final int port;
        private final Path dir;
        private Process process;

        private RedisServer(int port, Path dir) {
            this.port = port;
            this.dir = dir;
        }

        static RedisServer start(Path dir) throws Exception {
            java.nio.file.Files.createDirectories(dir);
            RedisServer server = new RedisServer(MarketplaceProcess.freePort(), dir);
            server.startAgain();
            return server;
        }

        /** Starts the server (again) on its port and waits until it accepts connections. */
        void startAgain() throws Exception {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Instant.now().isBefore(deadline)) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("redis-server did not start on port " + port);
        }

        /** Stops the server at once (SIGKILL). */
        void stop() throws InterruptedException {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
