package dev.assay.api.idempotency;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code idempotency_records} table, which makes the guarantee hold across restarts and instances.
 *
 * <p>Guarantees: for one (scope, key) at most one request holds the claim at a time, because claiming is an
 * {@code INSERT} on the primary key (or a compare-and-set on {@code lock_token} when taking over an abandoned
 * claim); a completed record is replayed only to a request with the same fingerprint; a record is never used
 * once {@link #TTL} has passed since it was created. Each statement runs in its own auto-committed
 * transaction, so a claim is visible to every instance as soon as it is made.
 */
@Singleton
class IdempotencyStore {

    /** How long a key is remembered after it was first used. */
    static final Duration TTL = Duration.ofHours(24);
    /**
     * A claim older than this whose request never completed (the instance died mid-request) may be taken over
     * by a retry; no API request runs this long.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private static final String IN_FLIGHT = "IN_FLIGHT";
    private static final String COMPLETED = "COMPLETED";
    /** Claim attempts before giving up on a key that keeps changing under us (expiry races). */
    private static final int MAX_ATTEMPTS = 3;

    private final DataSource dataSource;

    IdempotencyStore(DataSource dataSource) {
        // Outside a transaction the injected proxy has no connection to give: use the pool itself.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * Presents {@code key} for a request with {@code fingerprint} on behalf of {@code scope}.
     *
     * @throws IllegalStateException when the database cannot be reached (the request then fails with 500,
     *                               which is safe: nothing ran)
     */
    Claim claim(String scope, String key, String fingerprint, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String token = UUID.randomUUID().toString();
            if (insert(scope, key, fingerprint, token, now)) {
                return new Claim.Acquired(scope, key, token);
            }
            Optional<Row> existing = find(scope, key);
            if (existing.isEmpty()) {
                continue; // deleted between our insert and read: try again
            }
            Row row = existing.get();
            if (!row.expiresAt().isAfter(now)) {
                deleteExpired(scope, key, now);
                continue;
            }
            if (!row.fingerprint().equals(fingerprint)) {
                return new Claim.Mismatch();
            }
            if (row.state().equals(COMPLETED)) {
                return new Claim.Replay(row.response());
            }
            if (!row.lockedAt().plus(ABANDONED_AFTER).isAfter(now) && takeOver(scope, key, row.lockToken(), token, now)) {
                return new Claim.Acquired(scope, key, token);
            }
            return new Claim.InFlight();
        }
        return new Claim.InFlight();
    }

    /** Stores the response of the request that holds {@code claim}; a claim lost meanwhile stores nothing. */
    boolean complete(Claim.Acquired claim, StoredResponse response) {
        return update("""
                UPDATE idempotency_records SET record_state = ?, response_status = ?, response_content_type = ?,
                       response_location = ?, response_body = ?
                 WHERE caller_scope = ? AND idem_key = ? AND lock_token = ? AND record_state = ?""", ps -> {
            ps.setString(1, COMPLETED);
            ps.setInt(2, response.status());
            ps.setString(3, response.contentType().orElse(null));
            ps.setString(4, response.location().orElse(null));
            ps.setBytes(5, response.body());
            ps.setString(6, claim.scope());
            ps.setString(7, claim.key());
            ps.setString(8, claim.lockToken());
            ps.setString(9, IN_FLIGHT);
        }) == 1;
    }

    /** Forgets the claim so that the client may retry (the request failed on our side). */
    void release(Claim.Acquired claim) {
        update("DELETE FROM idempotency_records WHERE caller_scope = ? AND idem_key = ? AND lock_token = ?", ps -> {
            ps.setString(1, claim.scope());
            ps.setString(2, claim.key());
            ps.setString(3, claim.lockToken());
        });
    }

    /** Deletes every record expired at {@code now}; returns how many. */
    int purgeExpired(Instant now) {
        return update("DELETE FROM idempotency_records WHERE expires_at <= ?", ps -> ps.setObject(1, utc(now)));
    }

    private boolean insert(String scope, String key, String fingerprint, String token, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO idempotency_records (caller_scope, idem_key, request_hash, record_state,
                               lock_token, locked_at, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, fingerprint);
            ps.setString(4, IN_FLIGHT);
            ps.setString(5, token);
            ps.setObject(6, utc(now));
            ps.setObject(7, utc(now));
            ps.setObject(8, utc(now.plus(TTL)));
            ps.executeUpdate();
            commit(c);
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw new IllegalStateException("cannot record the idempotency key", e);
        }
    }

    private Optional<Row> find(String scope, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT request_hash, record_state, lock_token, locked_at, expires_at, response_status,
                               response_content_type, response_location, response_body
                          FROM idempotency_records WHERE caller_scope = ? AND idem_key = ?""")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                StoredResponse response = new StoredResponse(rs.getInt(6),
                        Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)), rs.getBytes(9));
                return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), response));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the idempotency key", e);
        }
    }

    private void deleteExpired(String scope, String key, Instant now) {
        update("DELETE FROM idempotency_records WHERE caller_scope = ? AND idem_key = ? AND expires_at <= ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setObject(3, utc(now));
        });
    }

    private boolean takeOver(String scope, String key, String oldToken, String newToken, Instant now) {
        return update("""
                UPDATE idempotency_records SET lock_token = ?, locked_at = ?
                 WHERE caller_scope = ? AND idem_key = ? AND lock_token = ? AND record_state = ?""", ps -> {
            ps.setString(1, newToken);
            ps.setObject(2, utc(now));
            ps.setString(3, scope);
            ps.setString(4, key);
            ps.setString(5, oldToken);
            ps.setString(6, IN_FLIGHT);
        }) == 1;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            int rows = ps.executeUpdate();
            commit(c);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update idempotency records", e);
        }
    }

    /** Pools configured without auto-commit still publish each statement at once. */
    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        // 23505 is unique_violation in PostgreSQL and H2 alike.
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private record Row(String fingerprint, String state, String lockToken, Instant lockedAt, Instant expiresAt,
            StoredResponse response) {}
}
