package dev.assay.api.live.lease;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database side of fencing, table {@code job_fences}: a leader's write first runs
 * {@code UPDATE job_fences SET token = :t WHERE job = :job AND token <= :t} in its own transaction. One row
 * updated: the token is the newest, and the row is locked until the transaction ends (a newer leader's first
 * write waits for it, then sees it committed). None: a newer leader wrote first; the caller must roll back.
 *
 * <p>The rows of the known jobs are seeded by the migration; another job's row is inserted on its first use on a
 * connection of its own, so that a lost insert race (a duplicate key, which aborts a PostgreSQL transaction)
 * never spoils the caller's transaction. Thread-safe.
 */
@Singleton
public class JobFences {

    private static final Logger LOG = LoggerFactory.getLogger(JobFences.class);

    private final EntityManager entityManager;
    private final DataSource dataSource;

    JobFences(EntityManager entityManager, DataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /**
     * Fences the caller's transaction with {@code lease}'s token: call it first, before the transaction's writes.
     * On {@link FenceCheck#SUPERSEDED} nothing was written, and the caller must write nothing more (throwing
     * rolls the transaction back).
     *
     * @throws io.micronaut.transaction.exceptions.TransactionUsageException outside a transaction
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public FenceCheck enter(String job, long fencingToken) {
        JobLeases.requireJobName(job);
        if (raise(job, fencingToken)) {
            return FenceCheck.ADMITTED;
        }
        if (!exists(job)) {
            create(job);
        }
        // Again, whether this call or another one created the row meanwhile (checking for it and reading the
        // answer are two moments): only a second refusal means a newer token.
        if (raise(job, fencingToken)) {
            return FenceCheck.ADMITTED;
        }
        LOG.warn("event=fenced_out job={} token={}", job, fencingToken);
        return FenceCheck.SUPERSEDED;
    }

    /**
     * {@link #enter} in a transaction of its own, committed at once: for a job whose work is not written in the
     * database (it only records that this token leads now, so older leaders are refused from here on).
     */
    @Transactional
    public FenceCheck claim(String job, long fencingToken) {
        return enter(job, fencingToken);
    }

    private boolean raise(String job, long token) {
        return entityManager.createNativeQuery("UPDATE job_fences SET token = ?1 WHERE job = ?2 AND token <= ?1")
                .setParameter(1, token)
                .setParameter(2, job)
                .executeUpdate() == 1;
    }

    private boolean exists(String job) {
        return !entityManager.createNativeQuery("SELECT 1 FROM job_fences WHERE job = ?1")
                .setParameter(1, job)
                .getResultList().isEmpty();
    }

    /** Inserts the job's row with token 0 and commits it, outside the caller's transaction; a lost race is fine. */
    private void create(String job) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO job_fences (job, token) VALUES (?, 0)")) {
            c.setAutoCommit(true);
            s.setString(1, job);
            s.executeUpdate();
            LOG.info("event=job_fence_created job={}", job);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw new IllegalStateException("could not create the fence of job " + job, e);
            }
            // 23xxx: an integrity violation, i.e. another instance inserted the row first.
        }
    }
}
