package dev.assay.api.hosts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A row of {@code benchmark_reports} (persistence only): evidence as received, never changed afterwards. */
@Entity
@Immutable
@Table(name = "benchmark_reports")
class BenchmarkReportRow {

    @Id
    @Column(name = "id", length = 40, updatable = false)
    private String id;

    @Column(name = "host_id", nullable = false, length = 40, updatable = false)
    private String hostId;

    @Column(name = "gpu_index", nullable = false, updatable = false)
    private int gpuIndex;

    @Column(name = "tflops_bf16", nullable = false, updatable = false)
    private double tflopsBf16;

    @Column(name = "tflops_fp32", nullable = false, updatable = false)
    private double tflopsFp32;

    @Column(name = "mem_bw_gbps", nullable = false, updatable = false)
    private double memBwGbps;

    @Column(name = "pcie_bw_gbps", nullable = false, updatable = false)
    private double pcieBwGbps;

    @Column(name = "verdict", nullable = false, length = 16, updatable = false)
    private String verdict;

    @Column(name = "findings", nullable = false, length = 2000, updatable = false)
    private String findings;

    @Column(name = "simulated", nullable = false, updatable = false)
    private boolean simulated;

    @Column(name = "reported_at", nullable = false, updatable = false)
    private Instant reportedAt;

    protected BenchmarkReportRow() {}

    BenchmarkReportRow(String id, String hostId, HostWrites.GpuRow reported, String verdict, String findings,
            boolean simulated, Instant reportedAt) {
        this.id = id;
        this.hostId = hostId;
        this.gpuIndex = reported.index();
        this.tflopsBf16 = reported.tflopsBf16();
        this.tflopsFp32 = reported.tflopsFp32();
        this.memBwGbps = reported.memBwGbps();
        this.pcieBwGbps = reported.pcieBwGbps();
        this.verdict = verdict;
        this.findings = findings;
        this.simulated = simulated;
        this.reportedAt = reportedAt;
    }

    public String getId() {
        return id;
    }

    public String getHostId() {
        return hostId;
    }

    public int getGpuIndex() {
        return gpuIndex;
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

    public String getVerdict() {
        return verdict;
    }

    public String getFindings() {
        return findings;
    }

    public boolean isSimulated() {
        return simulated;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }
}
