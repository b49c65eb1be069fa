package dev.assay.api.market;

import static dev.assay.api.sql.NativeColumns.instant;

import dev.assay.api.pods.PodState;
import dev.assay.matching.inventory.FreeCapacity;
import dev.assay.matching.inventory.GpuFacts;
import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads hosts from the database as the matching engine sees them. Free capacity is derived, never stored:
 * a host's totals minus what its pods hold.
 *
 * <p>What counts as held for the market view: GPUs, CPU and RAM of <b>on-demand</b> pods in a GPU-holding
 * state, and the disk of every pod that keeps one there. GPUs held by interruptible pods count as free: an
 * on-demand rental or a higher bid may take them (the host's bid book decides which interruptible pods
 * stop), so they are for sale. Hosts that are offline or retired are left out.
 */
@Singleton
public class InventoryLoader {

    private static final String HOST_COLUMNS = "id, tier, region, datacenter, geolocation, verification, reliability,"
            + " uptime_30d, cpu_cores, ram_gb, disk_gb, disk_bw_mbps, inet_up_mbps, inet_down_mbps, driver_version,"
            + " cuda_version, simulated, listed, on_demand_micros, min_bid_micros, storage_micros, min_gpus_per_pod,"
            + " available_until";

    private final EntityManager entityManager;
    private final MarketClock clock;

    public InventoryLoader(EntityManager entityManager, MarketClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Every online host. */
    @Transactional(readOnly = true)
    public List<Host> loadAll() {
        return load(null);
    }

    /**
     * The given hosts as they are now; a host that is gone, offline or retired is absent from the answer
     * (the index then removes it).
     */
    @Transactional(readOnly = true)
    public List<Host> load(Collection<String> hostIds) {
        if (hostIds != null && hostIds.isEmpty()) {
            return List.of();
        }
        String where = " WHERE status = 'ONLINE'" + (hostIds == null ? "" : " AND id IN (:ids)");
        String gpuWhere = hostIds == null ? "" : " WHERE host_id IN (:ids)";
        String podWhere = " WHERE host_id IS NOT NULL AND state NOT IN ('TERMINATED', 'FAILED')"
                + (hostIds == null ? "" : " AND host_id IN (:ids)");

        Map<String, List<GpuFacts>> gpus = new HashMap<>();
        for (Object[] r : rows("SELECT host_id, gpu_index, sku_id, model, vram_gb, tflops_bf16, tflops_fp32,"
                + " mem_bw_gbps, pcie_bw_gbps, score, compute_capability FROM host_gpus" + gpuWhere
                + " ORDER BY host_id, gpu_index", hostIds)) {
            gpus.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new GpuFacts(integer(r[1]),
                    (String) r[2], (String) r[3], real(r[4]), real(r[5]), real(r[6]), real(r[7]), real(r[8]),
                    real(r[9]), (String) r[10]));
        }
        Map<String, List<Holding>> holdings = new HashMap<>();
        for (Object[] r : rows("SELECT host_id, pod_type, state, gpu_indices, cpu_cores, ram_gb, disk_gb FROM pods"
                + podWhere, hostIds)) {
            holdings.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Holding(
                    "ON_DEMAND".equals(r[1]), PodState.valueOf((String) r[2]), GpuIndices.parse((String) r[3]),
                    integer(r[4]), longer(r[5]), longer(r[6])));
        }
        Instant now = clock.now();
        List<Host> hosts = new ArrayList<>();
        for (Object[] r : rows("SELECT " + HOST_COLUMNS + " FROM hosts" + where, hostIds)) {
            String id = (String) r[0];
            List<GpuFacts> facts = gpus.getOrDefault(id, List.of());
            if (facts.isEmpty()) {
                continue; // enrolled, GPUs not reported yet: nothing to sell
            }
            int cpu = integer(r[8]);
            long ram = longer(r[9]);
            long disk = longer(r[10]);
            hosts.add(new Host(id, Tier.valueOf((String) r[1]), (String) r[2], (String) r[3], (String) r[4],
                    VerificationState.valueOf((String) r[5]), real(r[6]), real(r[7]), cpu, ram, disk,
                    real(r[11]), real(r[12]), real(r[13]), (String) r[14], (String) r[15],
                    facts, free(facts.size(), cpu, ram, disk, holdings.getOrDefault(id, List.of())),
                    offer(r, now), Boolean.TRUE.equals(r[16])));
        }
        return hosts;
    }

    /** The market's free capacity of a host: see the class comment for what counts as held. */
    static FreeCapacity free(int gpuCount, int cpuCores, long ramGb, long diskGb, List<Holding> holdings) {
        BitSet freeGpus = new BitSet(gpuCount);
        freeGpus.set(0, gpuCount);
        int cpu = cpuCores;
        long ram = ramGb;
        long disk = diskGb;
        for (Holding h : holdings) {
            if (h.state().holdsDisk()) {
                disk -= h.diskGb();
            }
            if (h.onDemand() && h.state().holdsGpus()) {
                h.gpuIndices().forEach(i -> freeGpus.clear(i));
                cpu -= h.cpuCores();
                ram -= h.ramGb();
            }
        }
        return new FreeCapacity(freeGpus, Math.max(0, cpu), Math.max(0L, ram), Math.max(0L, disk));
    }

    private static Optional<HostOffer> offer(Object[] r, Instant now) {
        if (!Boolean.TRUE.equals(r[17])) {
            return Optional.empty();
        }
        Instant until = instant(r[22]);
        if (until != null && !until.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new HostOffer(Money.ofMicros(longer(r[18])), Money.ofMicros(longer(r[19])),
                Money.ofMicros(longer(r[20])), integer(r[21])));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Collection<String> ids) {
        var query = entityManager.createNativeQuery(sql);
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        return (List<Object[]>) query.getResultList();
    }

    /** What one pod holds on its host. */
    record Holding(boolean onDemand, PodState state, List<Integer> gpuIndices, int cpuCores, long ramGb,
                   long diskGb) {
    }

    private static int integer(Object o) {
        return ((Number) o).intValue();
    }

    private static long longer(Object o) {
        return ((Number) o).longValue();
    }

    private static double real(Object o) {
        return ((Number) o).doubleValue();
    }

}
