package dev.assay.api.metering;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The pod rows metering reads and the two columns it writes ({@code billed_until}, {@code meter_remainder}),
 * in plain SQL on the connection of the current transaction, so that the ledger's postings and the cursor's
 * advance commit or roll back together. The pod lifecycle owns every other column and never writes these two
 * back from a stale copy.
 */
@Singleton
class PodMeterRows {

    /** How many running pods one query of {@link #runningPods} returns, at most. */
    static final int PAGE_SIZE = 500;

    private final EntityManager entityManager;

    PodMeterRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A running pod and its renter, for a metering pass to visit. */
    record RunningPod(String podId, String renterOrgId) {
    }

    /** RUNNING pods with an id after {@code afterId} (empty: from the start), in id order, at most {@link #PAGE_SIZE}. */
    @Transactional(readOnly = true)
    public List<RunningPod> runningPods(String afterId) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, org_id FROM pods"
                    + " WHERE state = 'RUNNING' AND billed_until IS NOT NULL AND id > ? ORDER BY id LIMIT ?")) {
                s.setString(1, afterId);
                s.setInt(2, PAGE_SIZE);
                List<RunningPod> pods = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        pods.add(new RunningPod(r.getString(1), r.getString(2)));
                    }
                }
                return pods;
            }
        });
    }

    /**
     * The pod if it is RUNNING with a metering cursor, its row locked until the transaction ends, so that two
     * meters (or a meter and a transition) charging the same pod take turns. Must run in a transaction.
     */
    Optional<MeteredPod> lockRunning(String podId) {
        return running(podId, true);
    }

    /** The pod if it is RUNNING with a metering cursor, as it is now, unlocked: for showing, never for charging. */
    Optional<MeteredPod> readRunning(String podId) {
        return running(podId, false);
    }

    private Optional<MeteredPod> running(String podId, boolean lock) {
        return work(c -> {
            // The pod alone: H2 does not lock joined rows. The host's row is read, not locked: its minimum bid
            // is a price input like the waiting bids, read as of now.
            PodRow pod;
            try (PreparedStatement s = c.prepareStatement("SELECT org_id, host_id, pod_type, gpu_count, disk_gb,"
                    + " gpu_price_micros, storage_micros, bid_micros, billed_until, meter_remainder FROM pods"
                    + " WHERE id = ? AND state = 'RUNNING' AND billed_until IS NOT NULL" + (lock ? " FOR UPDATE" : ""))) {
                s.setString(1, podId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    long bidColumn = r.getLong(8);
                    Optional<Long> bid = r.wasNull() ? Optional.empty() : Optional.of(bidColumn);
                    pod = new PodRow(r.getString(1), r.getString(2), "INTERRUPTIBLE".equals(r.getString(3)),
                            r.getInt(4), r.getLong(5), r.getLong(6), r.getLong(7), bid,
                            r.getObject(9, OffsetDateTime.class).toInstant(), r.getLong(10));
                }
            }
            if (pod.hostId() == null) {
                throw new IllegalStateException("running pod " + podId + " has no host");
            }
            try (PreparedStatement s = c.prepareStatement("SELECT org_id, min_bid_micros FROM hosts WHERE id = ?")) {
                s.setString(1, pod.hostId());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("running pod " + podId + " is on a missing host " + pod.hostId());
                    }
                    return Optional.of(new MeteredPod(podId, pod.orgId(), pod.hostId(), r.getString(1),
                            pod.interruptible(), pod.gpuCount(), pod.diskGb(), pod.gpuPriceMicros(),
                            pod.storageMicros(), pod.bidMicros(), r.getLong(2), pod.billedUntil(), pod.remainder()));
                }
            }
        });
    }

    private record PodRow(String orgId, String hostId, boolean interruptible, int gpuCount, long diskGb,
            long gpuPriceMicros, long storageMicros, Optional<Long> bidMicros, Instant billedUntil, long remainder) {
    }

    /**
     * The highest bid per GPU-hour waiting for {@code hostId}: the bids of that host's pods that are PENDING or
     * PREEMPTED (they would run there but hold no GPUs).
     */
    Optional<Long> highestWaitingBid(String hostId) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(b.bid_micros) FROM bids b"
                    + " JOIN pods p ON p.id = b.pod_id WHERE b.host_id = ? AND p.state IN ('PENDING', 'PREEMPTED')")) {
                s.setString(1, hostId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long bid = r.getLong(1);
                    return r.wasNull() ? Optional.empty() : Optional.of(bid);
                }
            }
        });
    }

    /**
     * Moves the cursor from {@code expected} to {@code until} with the meter's new carry, only if the pod is
     * still RUNNING at {@code expected}. Answers whether it moved: false means someone else moved it first.
     */
    boolean advance(String podId, Instant expected, Instant until, long remainder) {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pods SET billed_until = ?, meter_remainder = ?"
                    + " WHERE id = ? AND billed_until = ? AND state = 'RUNNING'")) {
                s.setObject(1, utc(until));
                s.setLong(2, remainder);
                s.setString(3, podId);
                s.setObject(4, utc(expected));
                return s.executeUpdate() == 1;
            }
        });
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private <T> T work(SqlWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork((ReturningWork<T>) work::apply);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
