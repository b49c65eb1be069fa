package dev.assay.api.billing;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Plain JDBC on the test database, outside the application's transactions (counts, tampering). */
final class LedgerSql {

    private final Supplier<Connection> connections;

    private LedgerSql(Supplier<Connection> connections) {
        this.connections = connections;
    }

    /** On the application's data source (the raw pool, not the transaction-bound proxy). */
    static LedgerSql of(DataSource dataSource) {
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        return new LedgerSql(() -> {
            try {
                return raw.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static LedgerSql of(Supplier<Connection> connections) {
        return new LedgerSql(connections);
    }

    long count(String sql, Object... args) {
        try (Connection c = connections.get(); PreparedStatement s = prepare(c, sql, args);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (Connection c = connections.get(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    long transfersOfPod(String podId) {
        return count("SELECT COUNT(*) FROM ledger_transfers WHERE pod_id = ?", podId);
    }

    long accountsOf(String orgId) {
        return count("SELECT COUNT(*) FROM ledger_accounts WHERE owner_org_id = ?", orgId);
    }

    long transfers() {
        return count("SELECT COUNT(*) FROM ledger_transfers");
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
