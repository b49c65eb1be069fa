package dev.assay.api.testing;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Test fixture: writes market rows (an organisation that owns hosts, hosts with their GPUs and an offer)
 * straight into the database, for tests of what reads them. Hosts written here are SIMULATED: their figures
 * are made up, never measurements. After inserting, a test calls {@code MarketIndex.refresh(hostId)} (or
 * {@code reloadAll()}) so the index sees them.
 */
public final class MarketRows {

    private final DataSource dataSource;

    /** @param dataSource the application's (its transaction-aware proxy is unwrapped: fixtures commit on their own) */
    public MarketRows(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** A host organisation (no key: hosts written here need none). Returns its id. */
    public String hostOrganisation(String name) {
        String id = "org_" + random26();
        execute("INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)", id, name, Timestamp.from(Instant.EPOCH));
        return id;
    }

    /** Starts a host for {@code orgId}: by default 4 × RTX 4090, community, us-east, verified, listed at $0.40/GPU-h. */
    public HostSpec host(String orgId) {
        return new HostSpec(orgId);
    }

    /** A host to insert; change what the test cares about, then {@link #insert()}. */
    public final class HostSpec {
        public String id = "hst_" + random26();
        public final String orgId;
        public String name = "test host";
        public String tier = "COMMUNITY";
        public String region = "us-east";
        public String datacenter = "";
        public String geolocation = "US";
        public String verification = "VERIFIED";
        public String status = "ONLINE";
        public double reliability = 0.97;
        public double uptime30d = 0.99;
        public int cpuCores = 32;
        public long ramGb = 128;
        public long diskGb = 2000;
        public String driverVersion = "550.54";
        public String cudaVersion = "12.4";
        public int gpus = 4;
        public String skuId = "RTX_4090";
        public String model = "RTX 4090";
        public double vramGb = 24;
        public double tflopsBf16 = 165;
        public double tflopsFp32 = 82;
        public double memBwGbps = 1008;
        public double pcieBwGbps = 25;
        public double score = 110;
        public String computeCapability = "8.9";
        public boolean listed = true;
        public long onDemandMicros = 400_000;
        public long minBidMicros = 200_000;
        public long storageMicros = 100_000;
        public int minGpusPerPod = 1;

        private HostSpec(String orgId) {
            this.orgId = orgId;
        }

        /** Writes the host and its GPUs; returns the host id. */
        public String insert() {
            execute("INSERT INTO hosts (id, org_id, name, tier, region, datacenter, geolocation, verification, status,"
                            + " reliability, reliability_mean, uptime_1d, uptime_7d, uptime_30d, cpu_cores, ram_gb, disk_gb,"
                            + " disk_bw_mbps, inet_up_mbps, inet_down_mbps, driver_version, cuda_version, simulated, listed,"
                            + " on_demand_micros, min_bid_micros, storage_micros, min_gpus_per_pod, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2000, 500, 1000, ?, ?, TRUE, ?, ?, ?, ?, ?, ?)",
                    id, orgId, name, tier, region, datacenter, geolocation, verification, status,
                    reliability, reliability, uptime30d, uptime30d, uptime30d, cpuCores, ramGb, diskGb,
                    driverVersion, cudaVersion, listed,
                    listed ? onDemandMicros : null, listed ? minBidMicros : null, listed ? storageMicros : null,
                    listed ? minGpusPerPod : null, Timestamp.from(Instant.EPOCH));
            for (int i = 0; i < gpus; i++) {
                execute("INSERT INTO host_gpus (host_id, gpu_index, sku_id, model, vram_gb, tflops_bf16, tflops_fp32,"
                                + " mem_bw_gbps, pcie_bw_gbps, score, compute_capability) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id, i, skuId, model, vramGb, tflopsBf16, tflopsFp32, memBwGbps, pcieBwGbps, score,
                        computeCapability);
            }
            return id;
        }
    }

    /** Runs one statement (auto-committed), for changes a test makes behind the API's back. */
    public void execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture insert failed: " + sql, e);
        }
    }

    private static String random26() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }
}
