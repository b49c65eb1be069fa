package dev.assay.api.badinput;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A digest of every row of every application table, to prove a refused request wrote nothing. Left out: the
 * Flyway history, idempotency records (a refused request's answer is kept under its key, by design) and the
 * API keys' {@code last_used_at} (authentication records use; it is not the request's doing).
 */
final class DatabaseFingerprint {

    private static final Set<String> SKIPPED_TABLES = Set.of("flyway_schema_history", "idempotency_records");
    private static final Set<String> SKIPPED_COLUMNS = Set.of("api_keys.last_used_at");

    private final DataSource dataSource;

    DatabaseFingerprint(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Table name → digest of its rows (sorted, so row order does not matter). */
    Map<String, String> take() {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : tables(c)) {
                digests.put(table, digest(c, table));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fingerprint failed", e);
        }
        return digests;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (!SKIPPED_TABLES.contains(name)) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no tables found in schema " + c.getSchema());
        }
        return names;
    }

    private static String digest(Connection c, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = table + "." + meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                    if (!SKIPPED_COLUMNS.contains(column)) {
                        row.append(rs.getString(i)).append('\u0001');
                    }
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> sha.update((r + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return rows.size() + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
