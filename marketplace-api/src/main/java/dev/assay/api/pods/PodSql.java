package dev.assay.api.pods;

import static dev.assay.api.sql.NativeColumns.instant;

import dev.assay.api.market.GpuIndices;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the pods tables, shared by the writers of this package. Runs on PostgreSQL and on H2 in PostgreSQL
 * mode. Callers run inside a transaction.
 *
 * <p>Why SQL and not the entities ({@link StoredPod}, {@link BidRow}): these are the statements the market's
 * concurrency control is made of. Row locks ({@code FOR UPDATE}, host first), the compare-and-set on
 * {@code capacity_version}, and reads that must see the row as it is now, after this transaction's own
 * conditional updates, where an entity read could answer a copy the persistence context kept from before
 * them. Plain inserts and the views' reads go through the entities.
 */
@Singleton
class PodSql {

    static final String POD_COLUMNS = "id, org_id, name, image, pod_type, state, host_id, gpu_count, gpu_indices,"
            + " cpu_cores, ram_gb, disk_gb, env_json, ports, gpu_price_micros, storage_micros, bid_micros,"
            + " running_since, billed_until, created_at, updated_at";

    private final EntityManager entityManager;

    PodSql(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    Optional<PodRow> find(String podId) {
        return one("SELECT " + POD_COLUMNS + " FROM pods WHERE id = ?1", podId);
    }

    /** The pod, its row locked until the transaction ends. */
    Optional<PodRow> lock(String podId) {
        return one("SELECT " + POD_COLUMNS + " FROM pods WHERE id = ?1 FOR UPDATE", podId);
    }

    /** Locks the host row: every change of what a host's pods hold goes through this lock. */
    Optional<HostLock> lockHost(String hostId) {
        List<Object[]> rows = rows("SELECT capacity_version, status, simulated FROM hosts WHERE id = ?1 FOR UPDATE",
                hostId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new HostLock(hostId, ((Number) r[0]).longValue(), (String) r[1], Boolean.TRUE.equals(r[2])));
    }

    /**
     * Bumps the host's capacity version, so a placement planned on the version read cannot also commit.
     *
     * @return false if another transaction bumped it first
     */
    boolean bumpCapacity(HostLock host) {
        return update("UPDATE hosts SET capacity_version = capacity_version + 1 WHERE id = ?1 AND capacity_version = ?2",
                host.hostId(), host.capacityVersion()) == 1;
    }

    /** Pods of a host that hold GPUs there now. */
    List<PodRow> holdingGpus(String hostId) {
        return many("SELECT " + POD_COLUMNS + " FROM pods WHERE host_id = ?1 AND state IN ("
                + PodState.gpuHoldingSqlList() + ") ORDER BY id", hostId);
    }

    List<PodRow> many(String sql, Object... args) {
        List<PodRow> pods = new ArrayList<>();
        for (Object[] r : rows(sql, args)) {
            pods.add(pod(r));
        }
        return pods;
    }

    private Optional<PodRow> one(String sql, Object... args) {
        List<PodRow> pods = many(sql, args);
        return pods.isEmpty() ? Optional.empty() : Optional.of(pods.get(0));
    }

    @SuppressWarnings("unchecked")
    List<Object[]> rows(String sql, Object... args) {
        return (List<Object[]>) query(sql, args).getResultList();
    }

    Object scalar(String sql, Object... args) {
        return query(sql, args).getSingleResult();
    }

    int update(String sql, Object... args) {
        return query(sql, args).executeUpdate();
    }

    private Query query(String sql, Object... args) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < args.length; i++) {
            query.setParameter(i + 1, args[i]);
        }
        return query;
    }

    private static PodRow pod(Object[] r) {
        return new PodRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], PodType.valueOf((String) r[4]),
                PodState.valueOf((String) r[5]), (String) r[6], ((Number) r[7]).intValue(),
                GpuIndices.parse((String) r[8]), ((Number) r[9]).intValue(), ((Number) r[10]).longValue(),
                ((Number) r[11]).longValue(), (String) r[12], (String) r[13], ((Number) r[14]).longValue(),
                ((Number) r[15]).longValue(), r[16] == null ? null : ((Number) r[16]).longValue(), instant(r[17]),
                instant(r[18]), instant(r[19]), instant(r[20]));
    }


    /** A host row locked for this transaction, with the capacity version read under the lock. */
    record HostLock(String hostId, long capacityVersion, String status, boolean simulated) {
        boolean online() {
            return "ONLINE".equals(status);
        }
    }
}
