package dev.assay.api.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.BothDatabases;
import dev.assay.api.testing.BothDatabases.Database;
import dev.assay.api.testing.MarketRows;
import dev.assay.matching.inventory.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hosts package's entities on H2 and on PostgreSQL: what is saved reads back equal, field by field, from a
 * new persistence context, and the columns only SQL writes (status, reliability, the offer, redemption) read
 * back into the entity. Starting each application already proves that Hibernate accepts the mapping against
 * the migrated schema (hbm2ddl validate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostEntitiesRoundTripTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");

    private BothDatabases databases;

    @BeforeAll
    void start() {
        databases = BothDatabases.start("host_entities");
    }

    @AfterAll
    void stop() {
        if (databases != null) {
            databases.close();
        }
    }

    Stream<Database> databases() {
        return databases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHostAndItsGpusReadBackAsSaved(Database db) {
        MarketRows rows = new MarketRows(db.bean(DataSource.class));
        String orgId = rows.hostOrganisation("round trip hosts");
        String hostId = HostIds.next(HostIds.HOST);
        MachineSpec spec = new MachineSpec("rig 7", Tier.SECURE, "eu-west", "fra-2", "DE", 48, 256, 4000, 1800.5,
                900.25, 950.75, "550.54.15", "12.4", List.of(), true);
        HostRow host = new HostRow(hostId, orgId, spec, AT);
        HostGpuRow gpu0 = new HostGpuRow(hostId, new HostWrites.GpuRow(0, "RTX_4090", "RTX 4090",
                Optional.of("GPU-1234"), 24, 165.5, 82.25, 1008.5, 25.125, 110.75, "8.9"));
        HostGpuRow gpu1 = new HostGpuRow(hostId, new HostWrites.GpuRow(1, "RTX_4090", "RTX 4090", Optional.empty(),
                24, 160, 80, 1000, 24, 105, "8.9"));
        db.bean(HostRowRepository.class).save(host);
        HostGpuRowRepository gpus = db.bean(HostGpuRowRepository.class);
        gpus.save(gpu0);
        gpus.save(gpu1);

        HostRow loaded = db.bean(HostRowRepository.class).findById(hostId).orElseThrow();
        assertThat(loaded).isNotSameAs(host).usingRecursiveComparison().isEqualTo(host);
        assertThat(loaded.getStatus()).isEqualTo("ONLINE");
        assertThat(loaded.getVerification()).isEqualTo("UNVERIFIED");
        assertThat(loaded.isListed()).isFalse();
        assertThat(loaded.getCapacityVersion()).isZero();
        HostGpuRow loadedGpu0 = gpus.findById(new HostGpuRow.Key(hostId, 0)).orElseThrow();
        assertThat(loadedGpu0).isNotSameAs(gpu0).usingRecursiveComparison().isEqualTo(gpu0);
        assertThat(loadedGpu0.gpu()).isEqualTo(gpu0.gpu());
        assertThat(gpus.findById(new HostGpuRow.Key(hostId, 1)).orElseThrow().getUuid()).isNull();
        assertThat(gpus.findById(new HostGpuRow.Key(hostId, 2))).isEmpty();

        rows.execute("UPDATE hosts SET verification = 'VERIFIED', status = 'OFFLINE', reliability = 0.91,"
                + " reliability_mean = 0.95, uptime_1d = 0.5, uptime_7d = 0.75, uptime_30d = 0.875,"
                + " host_failures_30d = 3, listed = TRUE, on_demand_micros = 400000, min_bid_micros = 200000,"
                + " storage_micros = 100000, min_gpus_per_pod = 2, available_until = ?,"
                + " capacity_version = capacity_version + 5 WHERE id = ?", java.sql.Timestamp.from(AT), hostId);
        HostRow changed = db.bean(HostRowRepository.class).findById(hostId).orElseThrow();
        assertThat(changed.getVerification()).isEqualTo("VERIFIED");
        assertThat(changed.getStatus()).isEqualTo("OFFLINE");
        assertThat(List.of(changed.getReliability(), changed.getReliabilityMean(), changed.getUptime1d(),
                changed.getUptime7d(), changed.getUptime30d())).containsExactly(0.91, 0.95, 0.5, 0.75, 0.875);
        assertThat(changed.getHostFailures30d()).isEqualTo(3);
        assertThat(changed.isListed()).isTrue();
        assertThat(List.of(changed.getOnDemandMicros(), changed.getMinBidMicros(), changed.getStorageMicros()))
                .containsExactly(400_000L, 200_000L, 100_000L);
        assertThat(changed.getMinGpusPerPod()).isEqualTo(2);
        assertThat(changed.getAvailableUntil()).isEqualTo(AT);
        assertThat(changed.getCapacityVersion()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void benchmarkReportsReadBackAsSavedAndTheLatestOfEachGpuWinsTiesById(Database db) {
        String hostId = hostOf(db);
        BenchmarkReportRowRepository reports = db.bean(BenchmarkReportRowRepository.class);
        HostWrites.GpuRow figures = new HostWrites.GpuRow(0, "RTX_4090", "RTX 4090", Optional.empty(), 24, 150.5,
                70.25, 900.125, 25.5, 0, "8.9");
        BenchmarkReportRow older = new BenchmarkReportRow("bmk_a" + suffix(), hostId, figures, "PLAUSIBLE", "", true,
                AT.minusSeconds(60));
        BenchmarkReportRow tieLow = new BenchmarkReportRow("bmk_b" + suffix(), hostId, figures, "SUSPICIOUS",
                "too fast\nfor its SKU", false, AT);
        BenchmarkReportRow tieHigh = new BenchmarkReportRow("bmk_c" + suffix(), hostId, figures, "DEGRADED",
                "slow memory", true, AT);
        BenchmarkReportRow otherGpu = new BenchmarkReportRow("bmk_a" + suffix(), hostId,
                new HostWrites.GpuRow(1, "RTX_4090", "RTX 4090", Optional.empty(), 24, 1, 2, 3, 4, 0, "8.9"),
                "IMPOSSIBLE", "", true, AT.minusSeconds(3600));
        Stream.of(older, tieLow, tieHigh, otherGpu).forEach(reports::save);

        BenchmarkReportRow loaded = reports.findById(tieLow.getId()).orElseThrow();
        assertThat(loaded).isNotSameAs(tieLow).usingRecursiveComparison().isEqualTo(tieLow);
        assertThat(reports.latestPerGpu(List.of(hostId)))
                .extracting(BenchmarkReportRow::getId).containsExactly(tieHigh.getId(), otherGpu.getId());
        assertThat(reports.latestPerGpu(List.of(hostOf(db)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void enrollmentTokensReadBackAsSavedWithTheirRedemptionColumns(Database db) {
        MarketRows rows = new MarketRows(db.bean(DataSource.class));
        String hostId = hostOf(db);
        String orgId = rows.hostOrganisation("round trip tokens");
        EnrollmentTokenRowRepository tokens = db.bean(EnrollmentTokenRowRepository.class);
        EnrollmentTokenRow token = new EnrollmentTokenRow(HostIds.next(HostIds.TOKEN), orgId,
                EnrollmentTokens.sha256("assay_enroll_" + suffix()), AT, AT.plusSeconds(86_400), HostPlacement.UNSPECIFIED);
        tokens.save(token);

        EnrollmentTokenRow loaded = tokens.findById(token.getId()).orElseThrow();
        assertThat(loaded).isNotSameAs(token).usingRecursiveComparison().isEqualTo(token);
        assertThat(tokens.countByOrgIdAndUsedAtIsNullAndExpiresAtGreaterThan(orgId, AT)).isOne();

        rows.execute("UPDATE enrollment_tokens SET used_at = ?, host_id = ? WHERE id = ?",
                java.sql.Timestamp.from(AT.plusSeconds(5)), hostId, token.getId());
        EnrollmentTokenRow used = tokens.findById(token.getId()).orElseThrow();
        assertThat(used.getUsedAt()).isEqualTo(AT.plusSeconds(5));
        assertThat(used.getHostId()).isEqualTo(hostId);
        assertThat(tokens.countByOrgIdAndUsedAtIsNullAndExpiresAtGreaterThan(orgId, AT)).isZero();
    }

    private static String hostOf(Database db) {
        MarketRows rows = new MarketRows(db.bean(DataSource.class));
        return rows.host(rows.hostOrganisation("round trip")).insert();
    }

    private static String suffix() {
        return HostIds.next("x").substring(2);
    }
}
