package dev.assay.api.pods;

import dev.assay.api.market.GpuIndices;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code pods} (persistence only; {@link PodRow} is what the package works with). The entity inserts
 * new pods and reads pods for views. It is never saved over a row:
 * <ul>
 *   <li>state changes are {@code UPDATE ... WHERE id = ? AND state = ?} ({@link PodTransitions}), so a
 *       transition planned on a state that has since moved writes nothing and answers 409;</li>
 *   <li>the metering columns ({@code running_since}, {@code billed_until}, {@code meter_remainder}) are
 *       {@code insertable = false, updatable = false}: only the transitions' and metering's targeted
 *       statements write them, so a stale copy of the pod can never move the metering cursor back;</li>
 *   <li>{@code version} is a plain column, not {@code @Version}: the conditional statements bump it in SQL,
 *       and a Hibernate-managed version would add a second, competing rule to the same column;</li>
 *   <li>there are no setters, and {@code @DynamicUpdate} would keep any future one to the columns it changed.</li>
 * </ul>
 */
@Entity
@Table(name = "pods")
@DynamicUpdate
// Public getters: Micronaut Data introspects entities as beans.
class StoredPod {

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "org_id", nullable = false, length = 40, updatable = false)
    private String orgId;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "image", nullable = false, length = 255)
    private String image;

    @Column(name = "pod_type", nullable = false, length = 16, updatable = false)
    private String podType;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "host_id", length = 40)
    private String hostId;

    @Column(name = "gpu_count", nullable = false)
    private int gpuCount;

    @Column(name = "gpu_indices", nullable = false, length = 200)
    private String gpuIndices;

    @Column(name = "cpu_cores", nullable = false)
    private int cpuCores;

    @Column(name = "ram_gb", nullable = false)
    private long ramGb;

    @Column(name = "disk_gb", nullable = false)
    private long diskGb;

    @Column(name = "env_json", nullable = false, length = 16000)
    private String envJson;

    @Column(name = "ports", nullable = false, length = 400)
    private String ports;

    // Not recorded yet: inserted as the schema's default.
    @Column(name = "request_json", nullable = false, length = 4000)
    private String requestJson = "{}";

    @Column(name = "gpu_price_micros", nullable = false)
    private long gpuPriceMicros;

    @Column(name = "storage_micros", nullable = false)
    private long storageMicros;

    @Column(name = "bid_micros")
    private Long bidMicros;

    @Column(name = "running_since", insertable = false, updatable = false)
    private Instant runningSince;

    @Column(name = "billed_until", insertable = false, updatable = false)
    private Instant billedUntil;

    @Column(name = "meter_remainder", nullable = false, insertable = false, updatable = false)
    private long meterRemainder;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StoredPod() {}

    /** A new pod as {@code pod} describes it, created (and last updated) {@code now}; metering columns unset. */
    StoredPod(PodRow pod, Instant now) {
        this.id = pod.id();
        this.orgId = pod.orgId();
        this.name = pod.name();
        this.image = pod.image();
        this.podType = pod.type().name();
        this.state = pod.state().name();
        this.hostId = pod.hostId();
        this.gpuCount = pod.gpuCount();
        this.gpuIndices = GpuIndices.format(pod.gpuIndices());
        this.cpuCores = pod.cpuCores();
        this.ramGb = pod.ramGb();
        this.diskGb = pod.diskGb();
        this.envJson = pod.envJson();
        this.ports = pod.ports();
        this.gpuPriceMicros = pod.gpuPriceMicros();
        this.storageMicros = pod.storageMicros();
        this.bidMicros = pod.bidMicros();
        this.createdAt = now;
        this.updatedAt = now;
    }

    PodRow row() {
        return new PodRow(id, orgId, name, image, PodType.valueOf(podType), PodState.valueOf(state), hostId, gpuCount,
                GpuIndices.parse(gpuIndices), cpuCores, ramGb, diskGb, envJson, ports, gpuPriceMicros, storageMicros,
                bidMicros, runningSince, billedUntil, createdAt, updatedAt);
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

    public String getImage() {
        return image;
    }

    public String getPodType() {
        return podType;
    }

    public String getState() {
        return state;
    }

    public String getHostId() {
        return hostId;
    }

    public int getGpuCount() {
        return gpuCount;
    }

    public String getGpuIndices() {
        return gpuIndices;
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

    public String getEnvJson() {
        return envJson;
    }

    public String getPorts() {
        return ports;
    }

    public String getRequestJson() {
        return requestJson;
    }

    public long getGpuPriceMicros() {
        return gpuPriceMicros;
    }

    public long getStorageMicros() {
        return storageMicros;
    }

    public Long getBidMicros() {
        return bidMicros;
    }

    public Instant getRunningSince() {
        return runningSince;
    }

    public Instant getBilledUntil() {
        return billedUntil;
    }

    public long getMeterRemainder() {
        return meterRemainder;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
