package dev.assay.api.offers;

import dev.assay.api.pods.PodState;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the market index does not hold, read from the database per GPU model of ONLINE hosts: GPUs in total,
 * GPUs held by pods of any type (the index counts interruptible pods' GPUs as free, since they are for sale),
 * and the current winning bid (the highest bid of an interruptible pod that holds GPUs now).
 */
@Singleton
class MarketUsage {

    private final EntityManager entityManager;

    MarketUsage(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One GPU model's usage. */
    record ModelUsage(String gpuModel, String gpuName, long totalGpus, long simulatedGpus, long heldGpus,
            Long winningBidMicros) {}

    @Transactional(readOnly = true)
    Map<String, ModelUsage> byModel() {
        // Hosts are homogeneous: GPU 0 names the host's model.
        Map<String, Long> held = sums("SELECT g.sku_id, SUM(p.gpu_count) FROM pods p JOIN hosts h ON h.id = p.host_id"
                + " JOIN host_gpus g ON g.host_id = h.id AND g.gpu_index = 0 WHERE h.status = 'ONLINE'"
                + " AND p.state IN (" + PodState.gpuHoldingSqlList() + ") GROUP BY g.sku_id");
        Map<String, Long> bids = sums("SELECT g.sku_id, MAX(b.bid_micros) FROM bids b JOIN pods p ON p.id = b.pod_id"
                + " JOIN hosts h ON h.id = b.host_id JOIN host_gpus g ON g.host_id = h.id AND g.gpu_index = 0"
                + " WHERE h.status = 'ONLINE' AND p.state IN (" + PodState.gpuHoldingSqlList() + ") GROUP BY g.sku_id");
        Map<String, ModelUsage> usage = new TreeMap<>();
        for (Object[] r : rows("SELECT g.sku_id, MIN(g.model), COUNT(*),"
                + " SUM(CASE WHEN h.simulated THEN 1 ELSE 0 END) FROM host_gpus g JOIN hosts h ON h.id = g.host_id"
                + " WHERE h.status = 'ONLINE' GROUP BY g.sku_id")) {
            String model = (String) r[0];
            usage.put(model, new ModelUsage(model, (String) r[1], ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), held.getOrDefault(model, 0L), bids.get(model)));
        }
        return usage;
    }

    private Map<String, Long> sums(String sql) {
        Map<String, Long> sums = new HashMap<>();
        for (Object[] r : rows(sql)) {
            if (r[1] != null) {
                sums.put((String) r[0], ((Number) r[1]).longValue());
            }
        }
        return sums;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return (List<Object[]>) entityManager.createNativeQuery(sql).getResultList();
    }
}
