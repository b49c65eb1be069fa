package dev.assay.api.hosts;

import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.reliability.ReliabilityEstimate;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code hosts} (persistence only): used to insert a registered machine. Every later change of a
 * host is a conditional UPDATE on {@code capacity_version} ({@link HostWrites}), never a save of this entity:
 * the compare-and-set is what stops a placement planned on the host as it was from committing. There are
 * no setters, and {@code @DynamicUpdate} keeps even an accidental dirty check to the columns it touched.
 */
@Entity
@Table(name = "hosts")
@DynamicUpdate
// Public getters: Micronaut Data introspects entities as beans.
class HostRow {

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "org_id", nullable = false, length = 40, updatable = false)
    private String orgId;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "tier", nullable = false, length = 16)
    private String tier;

    @Column(name = "region", nullable = false, length = 64)
    private String region;

    @Column(name = "datacenter", nullable = false, length = 64)
    private String datacenter;

    @Column(name = "geolocation", nullable = false, length = 2)
    private String geolocation;

    @Column(name = "verification", nullable = false, length = 16)
    private String verification;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "reliability", nullable = false)
    private double reliability;

    @Column(name = "reliability_mean", nullable = false)
    private double reliabilityMean;

    @Column(name = "uptime_1d", nullable = false)
    private double uptime1d;

    @Column(name = "uptime_7d", nullable = false)
    private double uptime7d;

    @Column(name = "uptime_30d", nullable = false)
    private double uptime30d;

    @Column(name = "host_failures_30d", nullable = false)
    private int hostFailures30d;

    @Column(name = "cpu_cores", nullable = false)
    private int cpuCores;

    @Column(name = "ram_gb", nullable = false)
    private long ramGb;

    @Column(name = "disk_gb", nullable = false)
    private long diskGb;

    @Column(name = "disk_bw_mbps", nullable = false)
    private double diskBwMbps;

    @Column(name = "inet_up_mbps", nullable = false)
    private double inetUpMbps;

    @Column(name = "inet_down_mbps", nullable = false)
    private double inetDownMbps;

    @Column(name = "driver_version", nullable = false, length = 32)
    private String driverVersion;

    @Column(name = "cuda_version", nullable = false, length = 16)
    private String cudaVersion;

    @Column(name = "simulated", nullable = false)
    private boolean simulated;

    @Column(name = "listed", nullable = false)
    private boolean listed;

    @Column(name = "on_demand_micros")
    private Long onDemandMicros;

    @Column(name = "min_bid_micros")
    private Long minBidMicros;

    @Column(name = "storage_micros")
    private Long storageMicros;

    @Column(name = "min_gpus_per_pod")
    private Integer minGpusPerPod;

    @Column(name = "available_until")
    private Instant availableUntil;

    @Column(name = "capacity_version", nullable = false)
    private long capacityVersion;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected HostRow() {}

    /**
     * A machine as registered: ONLINE, UNVERIFIED, unlisted, no reliability history yet, capacity version 0
     * (the values the schema's defaults give, written out because an entity insert names every column).
     */
    HostRow(String id, String orgId, MachineSpec spec, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.name = spec.name();
        this.tier = spec.tier().name();
        this.region = spec.region();
        this.datacenter = spec.datacenter();
        this.geolocation = spec.geolocation();
        this.verification = "UNVERIFIED";
        this.status = HostStatus.ONLINE.name();
        this.cpuCores = spec.cpuCores();
        this.ramGb = spec.ramGb();
        this.diskGb = spec.diskGb();
        this.diskBwMbps = spec.diskBandwidthMbps();
        this.inetUpMbps = spec.inetUpMbps();
        this.inetDownMbps = spec.inetDownMbps();
        this.driverVersion = spec.driverVersion();
        this.cudaVersion = spec.cudaVersion();
        this.simulated = spec.simulated();
        this.lastSeenAt = now;
        this.createdAt = now;
    }

    /**
     * A machine registered with the state a fleet import brings along (a SIMULATED fleet's made-up past): its
     * verification, reliability estimate and listed offer, written in the insert rather than by the conditional
     * updates that follow a single registration (the row is new: there is no version to compare yet).
     */
    HostRow(String id, String orgId, MachineSpec spec, Instant now, VerificationState verification,
            ReliabilityEstimate reliability, OfferTerms offer) {
        this(id, orgId, spec, now);
        this.verification = verification.name();
        this.reliability = reliability.lowerBound();
        this.reliabilityMean = reliability.mean();
        this.uptime1d = reliability.uptime1d();
        this.uptime7d = reliability.uptime7d();
        this.uptime30d = reliability.uptime30d();
        this.hostFailures30d = reliability.failures30d();
        this.listed = true;
        this.onDemandMicros = offer.onDemandPerGpuHour().micros();
        this.minBidMicros = offer.minimumBidPerGpuHour().micros();
        this.storageMicros = offer.storagePerGbMonth().micros();
        this.minGpusPerPod = offer.minGpusPerPod();
        this.availableUntil = offer.availableUntil().orElse(null);
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getName() {
        return name;
    }

    public String getTier() {
        return tier;
    }

    public String getRegion() {
        return region;
    }

    public String getDatacenter() {
        return datacenter;
    }

    public String getGeolocation() {
        return geolocation;
    }

    public String getVerification() {
        return verification;
    }

    public String getStatus() {
        return status;
    }

    public double getReliability() {
        return reliability;
    }

    public double getReliabilityMean() {
        return reliabilityMean;
    }

    public double getUptime1d() {
        return uptime1d;
    }

    public double getUptime7d() {
        return uptime7d;
    }

    public double getUptime30d() {
        return uptime30d;
    }

    public int getHostFailures30d() {
        return hostFailures30d;
    }

    public int getCpuCores() {
        return cpuCores;
    }

    public long getRamGb() {
        return ramGb;
    }

    public long getDiskGb() {
        return diskGb;
    }

    public double getDiskBwMbps() {
        return diskBwMbps;
    }

    public double getInetUpMbps() {
        return inetUpMbps;
    }

    public double getInetDownMbps() {
        return inetDownMbps;
    }

    public String getDriverVersion() {
        return driverVersion;
    }

    public String getCudaVersion() {
        return cudaVersion;
    }

    public boolean isSimulated() {
        return simulated;
    }

    public boolean isListed() {
        return listed;
    }

    public Long getOnDemandMicros() {
        return onDemandMicros;
    }

    public Long getMinBidMicros() {
        return minBidMicros;
    }

    public Long getStorageMicros() {
        return storageMicros;
    }

    public Integer getMinGpusPerPod() {
        return minGpusPerPod;
    }

    public Instant getAvailableUntil() {
        return availableUntil;
    }

    public long getCapacityVersion() {
        return capacityVersion;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
