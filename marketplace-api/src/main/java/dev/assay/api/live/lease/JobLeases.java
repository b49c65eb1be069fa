package dev.assay.api.live.lease;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who runs each periodic job now. A job's schedule fires on every instance; each firing asks {@link #acquire}
 * and runs its pass only with a lease, passing the lease's fencing token down to every write.
 *
 * <p>Contract: thread-safe; never throws for an unavailable live state (no lease is granted then, and the job
 * skips the run). A lease lasts {@code assay.live.lease-ttl} (30 s by default) from its last acquisition, so a job
 * whose interval is shorter than the TTL keeps its lease by acquiring it each run.
 */
public interface JobLeases {

    /** Job names: short, lowercase, what {@code job_fences.job} holds. */
    Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /**
     * Takes the job's lease for this instance, or renews it if this instance holds it already (keeping its
     * fencing token).
     *
     * @return empty when another instance holds it, or when it cannot be known now (Redis unavailable)
     */
    Optional<Lease> acquire(String job);

    static String requireJobName(String job) {
        if (job == null || !JOB_NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("a job name matches " + JOB_NAME + ", got " + job);
        }
        return job;
    }
}
