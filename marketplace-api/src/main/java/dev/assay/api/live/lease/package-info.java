/**
 * One leader per periodic job, with fencing: whichever API instance holds a job's lease runs it, and every
 * write the job makes is fenced by the lease's token in the database, so a former leader that stalled past its
 * lease (a long GC pause, a partition) can never write after a newer leader has.
 *
 * <p>Public here: the port {@link dev.assay.api.live.lease.JobLeases} and its {@link dev.assay.api.live.lease.Lease},
 * and {@link dev.assay.api.live.lease.JobFences}, the
 * database side of fencing. Two implementations of the port, package-private: Redis (with {@code redis.uri}, the
 * {@code prod} configuration; many instances) and in-process (the embedded default; one instance, always leader).
 *
 * <h2>Guarantees</h2>
 * <ol>
 *   <li>At most one instance holds a job's lease at a time, as Redis sees it ({@code SET NX PX} in one script).
 *       Clocks and pauses can still make two instances <em>believe</em> they lead: the lease alone is a way to
 *       avoid duplicate work, never a guarantee of it.</li>
 *   <li>A job's fencing tokens strictly increase across every acquisition, on every instance, across restarts
 *       of Redis or of the embedded instance: a new acquisition takes the next value of a counter that never
 *       drops below the current time in milliseconds.</li>
 *   <li>The database is the arbiter: a fenced write first moves {@code job_fences.token} up to its token in the
 *       same transaction; if a higher token is there, the write is refused and rolled back. The fence row stays
 *       locked until that transaction ends, so a newer leader's first write waits for the older one's last.</li>
 * </ol>
 * See {@code docs/metering.md} (Leadership and fencing).
 */
package dev.assay.api.live.lease;
