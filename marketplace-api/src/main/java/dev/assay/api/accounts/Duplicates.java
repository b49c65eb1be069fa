package dev.assay.api.accounts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Two requests racing to create the same unique row (two sign-ups with one new e-mail) are told apart only
 * by the database's unique constraint, at commit. That loser gets 409 instead of a 500.
 */
final class Duplicates {

    /** SQLSTATE class 23: integrity constraint violation (PostgreSQL and H2 alike). */
    private static final String INTEGRITY_VIOLATION_CLASS = "23";

    private Duplicates() {}

    static <T> T conflictOnDuplicate(Supplier<T> write) {
        try {
            return write.get();
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            if (isIntegrityViolation(e)) {
                throw new ApiProblem(ProblemType.CONFLICT,
                        "another request changed the same account data at the same moment: retry");
            }
            throw e;
        }
    }

    private static boolean isIntegrityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY_VIOLATION_CLASS)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
