package dev.assay.bench;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.InventorySnapshot;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The baseline for (b): the same offers in a PostgreSQL table with an index for each typical query, and
 * the equivalent SQL timed over many repetitions. Every offer of the generated market is one row (a host's
 * free GPUs: value = score ÷ price per GPU-hour, as in the engine). Runs in a fresh schema, dropped after.
 * PostgreSQL comes from TEST_PG_URL / TEST_PG_USER / TEST_PG_PASSWORD, default the local server.
 */
final class PostgresSearchBaseline {

    /** p50 and p99 in microseconds, with the host ids of the first result for a cross-check. */
    record Timing(double p50Micros, double p99Micros, List<String> firstIds) {}

    /**
     * One query timed twice: with only general indexes (one per filtered or sorted column, what a schema
     * gets before anyone reads EXPLAIN for this query) and with an index tailored to the query as well.
     */
    record Timings(Timing general, Timing tailored) {}

    private PostgresSearchBaseline() {}

    static Optional<Map<String, Timings>> run(InventorySnapshot snapshot, int repetitions, StringBuilder why) {
        String url = env("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "assay_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(url, env("TEST_PG_USER", "postgres"), env("TEST_PG_PASSWORD", ""))) {
            try {
                execute(c, "CREATE SCHEMA " + schema);
                execute(c, "SET search_path TO " + schema);
                load(c, snapshot);
                generalIndexes(c);
                Map<String, Timing> general = new LinkedHashMap<>();
                for (SearchQueries query : SearchQueries.ALL) {
                    general.put(query.name(), time(c, query.sql(), repetitions));
                }
                tailoredIndexes(c);
                Map<String, Timings> timings = new LinkedHashMap<>();
                for (SearchQueries query : SearchQueries.ALL) {
                    timings.put(query.name(), new Timings(general.get(query.name()), time(c, query.sql(), repetitions)));
                }
                return Optional.of(timings);
            } finally {
                execute(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            why.append(e.getMessage());
            return Optional.empty();
        }
    }

    private static void load(Connection c, InventorySnapshot snapshot) throws SQLException {
        execute(c, """
                CREATE TABLE offers (
                  host_id TEXT PRIMARY KEY, gpu_model TEXT NOT NULL, free_gpus INT NOT NULL, min_gpus INT NOT NULL,
                  gpu_ram DOUBLE PRECISION NOT NULL, score DOUBLE PRECISION NOT NULL, price DOUBLE PRECISION NOT NULL,
                  value DOUBLE PRECISION NOT NULL, reliability DOUBLE PRECISION NOT NULL, verified BOOLEAN NOT NULL,
                  tier TEXT NOT NULL, geolocation TEXT NOT NULL, cuda_version BIGINT NOT NULL)""");
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO offers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int batch = 0;
            for (Host host : snapshot.hosts()) {
                if (host.offer().isEmpty()) {
                    continue;
                }
                HostOffer offer = host.offer().get();
                int free = host.freeGpuCount();
                if (free == 0 || free < offer.minGpusPerPod()) {
                    continue;
                }
                double perGpu = offer.onDemandPerGpuHour().micros() / 1_000_000.0;
                insert.setString(1, host.id());
                insert.setString(2, host.gpuModel());
                insert.setInt(3, free);
                insert.setInt(4, offer.minGpusPerPod());
                insert.setDouble(5, host.vramGbPerGpu());
                insert.setDouble(6, host.scorePerGpu());
                insert.setDouble(7, perGpu * free);
                insert.setDouble(8, host.scorePerGpu() / perGpu);
                insert.setDouble(9, host.reliability());
                insert.setBoolean(10, host.verification() == VerificationState.VERIFIED);
                insert.setString(11, host.tier() == Tier.SECURE ? "SECURE" : "COMMUNITY");
                insert.setString(12, host.geolocation());
                insert.setLong(13, encodeVersion(host.cudaVersion()));
                insert.addBatch();
                if (++batch % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** One single-column index per field the queries filter or sort on. */
    private static void generalIndexes(Connection c) throws SQLException {
        for (String column : List.of("gpu_model", "free_gpus", "gpu_ram", "score", "price", "value", "reliability",
                "cuda_version")) {
            execute(c, "CREATE INDEX offers_" + column + " ON offers (" + column + ")");
        }
        execute(c, "ANALYZE offers");
    }

    /** One index per query shape: what a team would add after reading EXPLAIN. */
    private static void tailoredIndexes(Connection c) throws SQLException {
        execute(c, "CREATE INDEX offers_model_value ON offers (gpu_model, value DESC, host_id)");
        execute(c, "CREATE INDEX offers_verified_price ON offers (price, host_id) WHERE verified AND reliability > 0.98 AND gpu_ram >= 40");
        execute(c, "CREATE INDEX offers_tier_value ON offers (tier, value DESC, host_id) WHERE free_gpus >= 8");
        execute(c, "CREATE INDEX offers_score_price ON offers (score DESC, price, host_id)");
        execute(c, "ANALYZE offers");
    }

    private static Timing time(Connection c, String sql, int repetitions) throws SQLException {
        long[] nanos = new long[repetitions];
        List<String> first = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int warmup = 0; warmup < Math.min(200, repetitions); warmup++) {
                drain(query, null);
            }
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                drain(query, i == 0 ? first : null);
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return new Timing(percentile(nanos, 0.50) / 1000.0, percentile(nanos, 0.99) / 1000.0, first);
    }

    private static void drain(PreparedStatement query, List<String> ids) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                if (ids != null) {
                    ids.add(id);
                }
            }
        }
    }

    /** Nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long encodeVersion(String text) {
        String[] parts = text.split("\\.");
        long encoded = 0;
        for (int i = 0; i < 3; i++) {
            encoded = encoded * 1000 + (i < parts.length ? Long.parseLong(parts[i]) : 0);
        }
        return encoded;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
