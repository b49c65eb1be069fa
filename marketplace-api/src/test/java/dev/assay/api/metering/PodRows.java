package dev.assay.api.metering;

import dev.assay.api.testing.MarketRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test fixture: pod and bid rows written straight into the database (as the pod lifecycle would have left
 * them), on hosts written by {@link MarketRows}. Remembers what it wrote so a test can put its running pods
 * aside afterwards ({@link #stopAll()}) and leave later passes to the pods of later tests.
 */
final class PodRows {

    private final MarketRows market;
    private final List<String> written = new ArrayList<>();
    private long bidSequence;

    PodRows(MarketRows market) {
        this.market = market;
    }

    /** A RUNNING on-demand pod: running and billed from {@code since}. Returns its id. */
    String runningOnDemand(String renterOrgId, String hostId, int gpus, long gpuPriceMicros, long diskGb,
            long storageMicros, Instant since) {
        return insert(renterOrgId, hostId, "ON_DEMAND", "RUNNING", gpus, gpuPriceMicros, diskGb, storageMicros,
                null, since);
    }

    /** An interruptible pod in {@code state} with its bid in the host's book; billed from {@code since} if RUNNING. */
    String interruptible(String renterOrgId, String hostId, String state, int gpus, long bidMicros, long diskGb,
            long storageMicros, Instant since) {
        String id = insert(renterOrgId, hostId, "INTERRUPTIBLE", state, gpus, 0, diskGb, storageMicros, bidMicros,
                since);
        market.execute("INSERT INTO bids (pod_id, host_id, org_id, gpus, bid_micros, sequence, placed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, hostId, renterOrgId, gpus, bidMicros, bidSequence++, utc(since));
        return id;
    }

    /** Moves a pod to {@code state} behind the API's back (clearing its cursor unless RUNNING). */
    void setState(String podId, String state) {
        market.execute("UPDATE pods SET state = ?, billed_until = CASE WHEN ? = 'RUNNING' THEN billed_until END"
                + " WHERE id = ?", state, state, podId);
    }

    /** Stops every RUNNING pod this fixture wrote, so that no later pass meters them. */
    void stopAll() {
        for (String id : written) {
            market.execute("UPDATE pods SET state = 'STOPPED', billed_until = NULL WHERE id = ? AND state = 'RUNNING'",
                    id);
        }
    }

    private String insert(String renterOrgId, String hostId, String type, String state, int gpus,
            long gpuPriceMicros, long diskGb, long storageMicros, Long bidMicros, Instant since) {
        String id = "pod_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        boolean running = state.equals("RUNNING");
        OffsetDateTime at = utc(since);
        market.execute("INSERT INTO pods (id, org_id, name, image, pod_type, state, host_id, gpu_count, gpu_indices,"
                        + " cpu_cores, ram_gb, disk_gb, gpu_price_micros, storage_micros, bid_micros, running_since,"
                        + " billed_until, created_at, updated_at)"
                        + " VALUES (?, ?, 'metering test', 'ubuntu:24.04', ?, ?, ?, ?, '', 4, 16, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, renterOrgId, type, state, hostId, gpus, diskGb, gpuPriceMicros, storageMicros, bidMicros,
                running ? at : null, running ? at : null, at, at);
        written.add(id);
        return id;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
