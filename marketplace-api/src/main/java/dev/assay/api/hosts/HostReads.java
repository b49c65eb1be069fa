package dev.assay.api.hosts;

import static dev.assay.api.sql.NativeColumns.instant;

import dev.assay.api.json.MoneyView;
import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads hosts as {@link HostDetail}s. Owner-facing callers pass the organisation, so another organisation's
 * host is simply not found; the public offers endpoints read any host that is in the market.
 */
@Singleton
public class HostReads {

    /** The most hosts one list answer carries. */
    public static final int MAX_PAGE = 200;

    private static final String COLUMNS = "id, name, status, simulated, verification, tier, region, datacenter,"
            + " geolocation, cpu_cores, ram_gb, disk_gb, disk_bw_mbps, inet_up_mbps, inet_down_mbps, driver_version,"
            + " cuda_version, last_seen_at, reliability, reliability_mean, uptime_1d, uptime_7d, uptime_30d,"
            + " host_failures_30d, listed, on_demand_micros, min_bid_micros, storage_micros, min_gpus_per_pod,"
            + " available_until, created_at";

    private final EntityManager entityManager;
    private final BenchmarkReportRowRepository reports;

    private final AgentLinks agents;

    HostReads(EntityManager entityManager, BenchmarkReportRowRepository reports, AgentLinks agents) {
        this.entityManager = entityManager;
        this.reports = reports;
        this.agents = agents;
    }

    /** The host {@code hostId} of {@code orgId}; empty when there is none or it is another organisation's. */
    @Transactional(readOnly = true)
    public Optional<HostDetail> ofOrganisation(String orgId, String hostId) {
        if (!HostIds.looksLike(HostIds.HOST, hostId)) {
            return Optional.empty();
        }
        return details("SELECT " + COLUMNS + " FROM hosts WHERE id = :id AND org_id = :org",
                Map.of("id", hostId, "org", orgId)).stream().findFirst();
    }

    /** Any host by id (for the public offer detail: the caller checks it is in the market). */
    @Transactional(readOnly = true)
    public Optional<HostDetail> any(String hostId) {
        if (!HostIds.looksLike(HostIds.HOST, hostId)) {
            return Optional.empty();
        }
        return details("SELECT " + COLUMNS + " FROM hosts WHERE id = :id", Map.of("id", hostId)).stream().findFirst();
    }

    /** The organisation's hosts by id, after {@code afterId} (exclusive), at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<HostDetail> page(String orgId, Optional<String> afterId, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("org", orgId, "limit", limit));
        String after = "";
        if (afterId.isPresent()) {
            after = " AND id > :after";
            params.put("after", afterId.get());
        }
        return details("SELECT " + COLUMNS + " FROM hosts WHERE org_id = :org" + after + " ORDER BY id LIMIT :limit",
                params);
    }

    /** A listed host's offer expiry. */
    record Expiry(String hostId, Instant availableUntil) {}

    /** Listed ONLINE hosts whose offer expires in {@code (from, to]}, earliest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    List<Expiry> expiredBetween(Instant from, Instant to, int limit) {
        return rows("SELECT id, available_until FROM hosts WHERE listed = TRUE AND status = 'ONLINE'"
                + " AND available_until > :from AND available_until <= :to ORDER BY available_until, id LIMIT "
                + limit, Map.of("from", from, "to", to)).stream()
                .map(r -> new Expiry((String) r[0], instant(r[1]))).toList();
    }

    private List<HostDetail> details(String sql, Map<String, Object> params) {
        List<Object[]> hosts = rows(sql, params);
        if (hosts.isEmpty()) {
            return List.of();
        }
        List<String> ids = hosts.stream().map(r -> (String) r[0]).toList();
        Map<String, List<HostDetail.Gpu>> gpus = gpus(ids);
        Map<String, List<HostDetail.BenchmarkVerdict>> benchmarks = latestBenchmarks(ids);
        List<HostDetail> details = new ArrayList<>(hosts.size());
        for (Object[] r : hosts) {
            String id = (String) r[0];
            var machine = new HostDetail.Machine((String) r[5], (String) r[6], (String) r[7], (String) r[8],
                    integer(r[9]), longer(r[10]), longer(r[11]), real(r[12]), real(r[13]), real(r[14]),
                    (String) r[15], (String) r[16]);
            var health = new HostDetail.Health((String) r[2], text(instant(r[17])), real(r[18]), real(r[19]),
                    real(r[20]), real(r[21]), real(r[22]), integer(r[23]));
            boolean listed = Boolean.TRUE.equals(r[24]);
            var listing = listed
                    ? new HostDetail.Listing(true, money(r[25]), money(r[26]), money(r[27]), integer(r[28]),
                            text(instant(r[29])))
                    : new HostDetail.Listing(false, null, null, null, null, null);
            details.add(new HostDetail(id, (String) r[1], (String) r[2], Boolean.TRUE.equals(r[3]), (String) r[4],
                    machine, gpus.getOrDefault(id, List.of()), health, benchmarks.getOrDefault(id, List.of()),
                    listing, text(instant(r[30])), agents.agentOf(id).orElse(null)));
        }
        return details;
    }

    private Map<String, List<HostDetail.Gpu>> gpus(Collection<String> ids) {
        Map<String, List<HostDetail.Gpu>> gpus = new LinkedHashMap<>();
        for (Object[] r : rows("SELECT host_id, gpu_index, sku_id, model, uuid, vram_gb, compute_capability, score,"
                + " tflops_bf16, tflops_fp32, mem_bw_gbps, pcie_bw_gbps FROM host_gpus WHERE host_id IN (:ids)"
                + " ORDER BY host_id, gpu_index", Map.of("ids", ids))) {
            gpus.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new HostDetail.Gpu(integer(r[1]),
                    (String) r[2], (String) r[3], (String) r[4], real(r[5]), (String) r[6], real(r[7]), real(r[8]),
                    real(r[9]), real(r[10]), real(r[11])));
        }
        return gpus;
    }

    /** The newest report of each GPU (ties on the instant broken by id, so the answer is stable). */
    private Map<String, List<HostDetail.BenchmarkVerdict>> latestBenchmarks(Collection<String> ids) {
        Map<String, List<HostDetail.BenchmarkVerdict>> latest = new HashMap<>();
        for (BenchmarkReportRow r : reports.latestPerGpu(ids)) {
            List<String> findings = r.getFindings().isEmpty() ? List.of() : Arrays.asList(r.getFindings().split("\n"));
            latest.computeIfAbsent(r.getHostId(), k -> new ArrayList<>()).add(new HostDetail.BenchmarkVerdict(
                    r.getGpuIndex(), r.getVerdict(), findings, r.getTflopsBf16(), r.getTflopsFp32(), r.getMemBwGbps(),
                    r.getPcieBwGbps(), r.isSimulated(), text(r.getReportedAt())));
        }
        return latest;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> params) {
        var query = entityManager.createNativeQuery(sql);
        params.forEach(query::setParameter);
        return (List<Object[]>) query.getResultList();
    }

    private static MoneyView money(Object micros) {
        return micros == null ? null : MoneyView.of(Money.ofMicros(longer(micros)));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static int integer(Object o) {
        return ((Number) o).intValue();
    }

    static long longer(Object o) {
        return ((Number) o).longValue();
    }

    static double real(Object o) {
        return ((Number) o).doubleValue();
    }

}
