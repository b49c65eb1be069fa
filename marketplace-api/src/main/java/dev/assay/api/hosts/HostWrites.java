package dev.assay.api.hosts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.matching.inventory.Tier;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.reliability.HostAvailability;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The host tables' writes, one transaction per method. Only {@link HostRegistry} calls it: the registry refreshes
 * the market index after these methods return, that is after the commit.
 *
 * <p>Every write that changes what a host offers (status, verification, offer) bumps
 * {@code capacity_version} with the conditional UPDATE the schema describes, so a placement planned on the
 * host as it was cannot commit after it changed. Those updates stay SQL statements on purpose: the
 * compare-and-set is the concurrency control, and saving an entity read earlier would write the version it
 * read instead of checking it. Inserts (host, GPUs, benchmark reports) and lookups go through the entities.
 */
@Singleton
class HostWrites {

    private final EntityManager entityManager;
    private final HostRowRepository hosts;
    private final HostGpuRowRepository hostGpus;
    private final BenchmarkReportRowRepository reports;
    private final HostPresence presence;

    HostWrites(EntityManager entityManager, HostRowRepository hosts, HostGpuRowRepository hostGpus,
            BenchmarkReportRowRepository reports, HostPresence presence) {
        this.entityManager = entityManager;
        this.hosts = hosts;
        this.hostGpus = hostGpus;
        this.reports = reports;
        this.presence = presence;
    }

    /** What a write needs to know of a host first. */
    record Head(String id, String orgId, int gpuCount, long capacityVersion) {}

    /** One GPU row as stored. */
    record GpuRow(int index, String skuId, String model, Optional<String> uuid, double vramGb, double tflopsBf16,
            double tflopsFp32, double memBwGbps, double pcieBwGbps, double score, String computeCapability) {}

    @Transactional
    void insertHost(String hostId, String orgId, MachineSpec spec, List<GpuRow> gpus, Instant now) {
        hosts.save(new HostRow(hostId, orgId, spec, now));
        for (GpuRow gpu : gpus) {
            hostGpus.save(new HostGpuRow(hostId, gpu));
        }
        // save() is a persist (no select first); the inserts run in the order saved, the host before the GPUs
        // that reference it. Flushed here so that a row the database refuses fails in this method, as the
        // statements did, not later at commit.
        hostGpus.flush();
    }

    /** A machine of a fleet import, checked and scored, with the state it is stored in. */
    record FleetRow(String hostId, MachineSpec spec, List<GpuRow> gpus, VerificationState verification,
            ReliabilityEstimate reliability, OfferTerms offer) {}

    /**
     * Inserts a batch of machines of {@code orgId} in one transaction, as JDBC batches: a fleet of 100 000 rows
     * registered one transaction (and one index refresh) at a time takes many minutes; in batches, seconds.
     * The persistence context is cleared as it goes so it never holds more than one JDBC batch of entities.
     */
    @Transactional
    void insertFleet(String orgId, List<FleetRow> rows, Instant now) {
        org.hibernate.Session session = entityManager.unwrap(org.hibernate.Session.class);
        Integer before = session.getJdbcBatchSize();
        session.setJdbcBatchSize(FLEET_JDBC_BATCH);
        try {
            // Hosts of a slice first, then their GPUs: a JDBC batch holds statements of one table only, so
            // alternating host, GPU, host would send batches of one.
            for (int from = 0; from < rows.size(); from += FLEET_JDBC_BATCH) {
                List<FleetRow> slice = rows.subList(from, Math.min(rows.size(), from + FLEET_JDBC_BATCH));
                for (FleetRow row : slice) {
                    entityManager.persist(new HostRow(row.hostId(), orgId, row.spec(), now, row.verification(),
                            row.reliability(), row.offer()));
                }
                entityManager.flush();
                for (FleetRow row : slice) {
                    for (GpuRow gpu : row.gpus()) {
                        entityManager.persist(new HostGpuRow(row.hostId(), gpu));
                    }
                }
                entityManager.flush();
                entityManager.clear();
            }
        } finally {
            session.setJdbcBatchSize(before);
        }
    }

    /** Hosts per JDBC batch of a fleet import (and per flush of the persistence context). */
    static final int FLEET_JDBC_BATCH = 500;

    /**
     * Writes the row of a machine that joined through an agent: host and GPUs, the token that enrolled it pointed
     * at it, and its first ONLINE interval, in one transaction.
     */
    @Transactional
    void insertEnrolledHost(String hostId, String orgId, MachineSpec spec, List<GpuRow> gpus, Instant now) {
        insertHost(hostId, orgId, spec, gpus, now);
        sql("UPDATE enrollment_tokens SET host_id = :h WHERE assigned_host_id = :h").setParameter("h", hostId)
                .executeUpdate();
        presence.enter(hostId, HostAvailability.ONLINE, now);
    }

    /** Where the owner placed the machine that got {@code hostId} at enrollment; empty for any other id. */
    @Transactional(readOnly = true)
    Optional<HostPlacement> enrolledPlacement(String hostId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql("SELECT host_name, tier, region, datacenter, geolocation FROM enrollment_tokens"
                + " WHERE assigned_host_id = :h").setParameter("h", hostId).getResultList();
        return rows.stream().findFirst().map(r -> new HostPlacement(r[0] == null ? "" : (String) r[0],
                Tier.valueOf((String) r[1]), (String) r[2], (String) r[3], (String) r[4]));
    }

    /** The stored host row, for the agent side to compare what an agent says with what is stored. */
    @Transactional(readOnly = true)
    Optional<HostRow> row(String hostId) {
        return hosts.findById(hostId);
    }

    /** The host's GPUs, by index. */
    @Transactional(readOnly = true)
    List<GpuRow> gpus(String hostId) {
        @SuppressWarnings("unchecked")
        List<Number> count = sql("SELECT gpu_index FROM host_gpus WHERE host_id = :h ORDER BY gpu_index")
                .setParameter("h", hostId).getResultList();
        return count.stream().map(i -> gpu(hostId, i.intValue()).orElseThrow()).toList();
    }

    /** The host, if it exists and (when {@code orgId} is present) belongs to that organisation. */
    @Transactional(readOnly = true)
    Optional<Head> head(String hostId, Optional<String> orgId) {
        return findHead(hostId, orgId);
    }

    @Transactional
    Head setStatus(String hostId, HostStatus status, Instant now) {
        Head head = require(hostId, Optional.empty());
        if (presence.tracked(hostId)) {
            presence.enter(hostId, switch (status) {
                case ONLINE -> HostAvailability.ONLINE;
                case OFFLINE -> HostAvailability.OFFLINE;
                case RETIRED -> HostAvailability.MAINTENANCE; // taken down on purpose: counts neither way
            }, now);
        }
        if (status == HostStatus.ONLINE) {
            bump(head, "status = :status, last_seen_at = :now",
                    q -> q.setParameter("status", status.name()).setParameter("now", now));
        } else {
            bump(head, "status = :status", q -> q.setParameter("status", status.name()));
        }
        return head;
    }

    @Transactional
    Head setVerification(String hostId, VerificationState verification) {
        Head head = require(hostId, Optional.empty());
        bump(head, "verification = :v", q -> q.setParameter("v", verification.name()));
        return head;
    }

    @Transactional
    Head recordReliability(String hostId, ReliabilityEstimate estimate) {
        Head head = require(hostId, Optional.empty());
        bump(head, "reliability = :lb, reliability_mean = :mean, uptime_1d = :d1, uptime_7d = :d7,"
                + " uptime_30d = :d30, host_failures_30d = :f",
                q -> q.setParameter("lb", estimate.lowerBound()).setParameter("mean", estimate.mean())
                        .setParameter("d1", estimate.uptime1d()).setParameter("d7", estimate.uptime7d())
                        .setParameter("d30", estimate.uptime30d()).setParameter("f", estimate.failures30d()));
        return head;
    }

    /** The stored GPU row of a host, for a benchmark to be judged against. */
    @Transactional(readOnly = true)
    Optional<GpuRow> gpu(String hostId, int gpuIndex) {
        return hostGpus.findById(new HostGpuRow.Key(hostId, gpuIndex)).map(HostGpuRow::gpu);
    }

    /**
     * Stores a benchmark report with its verdict and, when {@code updated} is present, the GPU's new figures
     * and score (the registry decides whether a verdict may change the score).
     */
    @Transactional
    Head recordBenchmark(String hostId, int gpuIndex, GpuRow reported, String verdict, String findings,
            boolean simulated, Optional<GpuRow> updated, Instant now) {
        Head head = require(hostId, Optional.empty());
        reports.save(new BenchmarkReportRow(HostIds.next(HostIds.BENCHMARK), hostId, reported, verdict, findings,
                simulated, now));
        updated.ifPresent(gpu -> {
            sql("UPDATE host_gpus SET tflops_bf16 = :bf16, tflops_fp32 = :fp32, mem_bw_gbps = :mem,"
                    + " pcie_bw_gbps = :pcie, score = :score WHERE host_id = :h AND gpu_index = :i")
                    .setParameter("bf16", gpu.tflopsBf16()).setParameter("fp32", gpu.tflopsFp32())
                    .setParameter("mem", gpu.memBwGbps()).setParameter("pcie", gpu.pcieBwGbps())
                    .setParameter("score", gpu.score()).setParameter("h", hostId).setParameter("i", gpuIndex)
                    .executeUpdate();
            // A new score changes the offer's value: a placement planned on the old one must re-plan.
            bump(head, "last_seen_at = last_seen_at", q -> q);
        });
        return head;
    }

    /** Lists the machine of {@code orgId}; the terms are checked against its GPU count first. */
    @Transactional
    Head listOffer(String orgId, String hostId, OfferTerms terms, Instant now) {
        Head head = require(hostId, Optional.of(orgId));
        HostRules.checkOffer(terms, head.gpuCount(), now);
        bump(head, "listed = TRUE, on_demand_micros = :od, min_bid_micros = :mb, storage_micros = :st,"
                + " min_gpus_per_pod = :mg, available_until = :until",
                q -> q.setParameter("od", terms.onDemandPerGpuHour().micros())
                        .setParameter("mb", terms.minimumBidPerGpuHour().micros())
                        .setParameter("st", terms.storagePerGbMonth().micros())
                        .setParameter("mg", terms.minGpusPerPod())
                        .setParameter("until", terms.availableUntil().orElse(null)));
        return head;
    }

    /** Takes the machine of {@code orgId} off the market; unlisting an unlisted machine changes nothing. */
    @Transactional
    Head unlist(String orgId, String hostId) {
        Head head = require(hostId, Optional.of(orgId));
        bump(head, "listed = FALSE, on_demand_micros = NULL, min_bid_micros = NULL, storage_micros = NULL,"
                + " min_gpus_per_pod = NULL, available_until = NULL", q -> q);
        return head;
    }

    /** Records a host-caused pod failure, evidence for the reliability model. */
    @Transactional
    void hostFailure(String hostId, String reason, Instant now) {
        require(hostId, Optional.empty());
        presence.failure(hostId, reason, now);
    }

    private Head require(String hostId, Optional<String> orgId) {
        return findHead(hostId, orgId).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "no host " + hostId + " in this organisation"));
    }

    private Optional<Head> findHead(String hostId, Optional<String> orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql("SELECT h.id, h.org_id, h.capacity_version,"
                + " (SELECT COUNT(*) FROM host_gpus g WHERE g.host_id = h.id) FROM hosts h WHERE h.id = :id")
                .setParameter("id", hostId).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Head((String) r[0], (String) r[1], ((Number) r[3]).intValue(), ((Number) r[2]).longValue()))
                .filter(h -> orgId.map(h.orgId()::equals).orElse(true));
    }

    /**
     * {@code UPDATE hosts SET <assignments>, capacity_version + 1 WHERE id AND capacity_version = read}: zero rows
     * means another transaction changed the host since it was read, a race the caller may retry (409).
     */
    private void bump(Head head, String assignments, java.util.function.UnaryOperator<Query> bind) {
        int updated = bind.apply(sql("UPDATE hosts SET " + assignments
                + ", capacity_version = capacity_version + 1 WHERE id = :hid AND capacity_version = :cv"))
                .setParameter("hid", head.id()).setParameter("cv", head.capacityVersion())
                .executeUpdate();
        if (updated != 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "host " + head.id()
                    + " changed while this request was handled (a pod was placed or its owner changed it): retry");
        }
    }

    private Query sql(String sql) {
        return entityManager.createNativeQuery(sql);
    }

}
