package dev.assay.api.live.lease;

/**
 * This instance leads {@code job} for now: it may run the job's pass, and every write of that pass is fenced with
 * {@code fencingToken} ({@link JobFences}).
 *
 * @param job          the periodic job ("metering", "offer-expiry"...)
 * @param holder       the instance holding it ({@link dev.assay.api.live.InstanceId})
 * @param fencingToken strictly increasing per job across all instances; the same for every renewal of one
 *                     holding
 */
public record Lease(String job, String holder, long fencingToken) {

    public Lease {
        JobLeases.requireJobName(job);
        if (fencingToken <= 0) {
            throw new IllegalArgumentException("a fencing token is positive, got " + fencingToken);
        }
    }
}
