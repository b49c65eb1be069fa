package dev.assay.api.hosts;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code host_gpus} (persistence only): inserted at registration. A trusted benchmark rewrites
 * the figures with one UPDATE in the transaction that bumps the host's capacity version ({@link HostWrites}).
 */
@Entity
@Table(name = "host_gpus")
@DynamicUpdate
class HostGpuRow {

    /** The primary key: a GPU is its host's {@code gpu_index}-th. */
    @Embeddable
    static class Key {

        @Column(name = "host_id", length = 40)
        private String hostId;

        @Column(name = "gpu_index")
        private int gpuIndex;

        protected Key() {}

        Key(String hostId, int gpuIndex) {
            this.hostId = hostId;
            this.gpuIndex = gpuIndex;
        }

        public String getHostId() {
            return hostId;
        }

        public int getGpuIndex() {
            return gpuIndex;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.gpuIndex == gpuIndex && Objects.equals(k.hostId, hostId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hostId, gpuIndex);
        }
    }

    @EmbeddedId
    private Key id;

    @Column(name = "sku_id", nullable = false, length = 40)
    private String skuId;

    @Column(name = "model", nullable = false, length = 80)
    private String model;

    @Column(name = "uuid", length = 80)
    private String uuid;

    @Column(name = "vram_gb", nullable = false)
    private double vramGb;

    @Column(name = "tflops_bf16", nullable = false)
    private double tflopsBf16;

    @Column(name = "tflops_fp32", nullable = false)
    private double tflopsFp32;

    @Column(name = "mem_bw_gbps", nullable = false)
    private double memBwGbps;

    @Column(name = "pcie_bw_gbps", nullable = false)
    private double pcieBwGbps;

    @Column(name = "score", nullable = false)
    private double score;

    @Column(name = "compute_capability", nullable = false, length = 8)
    private String computeCapability;

    protected HostGpuRow() {}

    HostGpuRow(String hostId, HostWrites.GpuRow gpu) {
        this.id = new Key(hostId, gpu.index());
        this.skuId = gpu.skuId();
        this.model = gpu.model();
        this.uuid = gpu.uuid().orElse(null);
        this.vramGb = gpu.vramGb();
        this.tflopsBf16 = gpu.tflopsBf16();
        this.tflopsFp32 = gpu.tflopsFp32();
        this.memBwGbps = gpu.memBwGbps();
        this.pcieBwGbps = gpu.pcieBwGbps();
        this.score = gpu.score();
        this.computeCapability = gpu.computeCapability();
    }

    /** The row as {@link HostWrites} passes GPUs around. */
    HostWrites.GpuRow gpu() {
        return new HostWrites.GpuRow(id.gpuIndex, skuId, model, Optional.ofNullable(uuid), vramGb, tflopsBf16,
                tflopsFp32, memBwGbps, pcieBwGbps, score, computeCapability);
    }

    public Key getId() {
        return id;
    }

    public String getSkuId() {
        return skuId;
    }

    public String getModel() {
        return model;
    }

    public String getUuid() {
        return uuid;
    }

    public double getVramGb() {
        return vramGb;
    }

    public double getTflopsBf16() {
        return tflopsBf16;
    }

    public double getTflopsFp32() {
        return tflopsFp32;
    }

    public double getMemBwGbps() {
        return memBwGbps;
    }

    public double getPcieBwGbps() {
        return pcieBwGbps;
    }

    public double getScore() {
        return score;
    }

    public String getComputeCapability() {
        return computeCapability;
    }
}
