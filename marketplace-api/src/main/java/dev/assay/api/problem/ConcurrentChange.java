package dev.assay.api.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import org.hibernate.StaleStateException;

/**
 * Recognises the ways a database says "another transaction changed this first": the request lost a race it
 * can win by retrying, which is the client's 409, not our 500.
 */
public final class ConcurrentChange {

    /** SQLSTATE 40001 (serialization failure) and 40P01 (PostgreSQL deadlock). */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01");
    /** H2's "concurrent update" and "deadlock" error codes. */
    private static final Set<Integer> H2_RETRYABLE_CODES = Set.of(90131, 40001);

    private ConcurrentChange() {}

    /** Whether {@code failure} or one of its causes is a lost optimistic or pessimistic race. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql && (RETRYABLE_SQL_STATES.contains(sql.getSQLState())
                    || H2_RETRYABLE_CODES.contains(sql.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }
}
