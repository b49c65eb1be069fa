package dev.assay.api.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.testing.MarketRows;
import dev.assay.matching.inventory.Host;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The index reads hosts as the matching engine sees them, and follows changes on refresh. */
@MicronautTest(transactional = false)
class MarketIndexTest {

    @Inject
    DataSource dataSource;

    @Inject
    MarketIndex index;

    @Test
    void aListedHostAppearsWithItsOfferAnUnlistedOneWithoutAndAnOfflineOneNotAtAll() {
        MarketRows rows = new MarketRows(dataSource);
        String org = rows.hostOrganisation("Index Hosts");
        String listed = rows.host(org).insert();
        MarketRows.HostSpec unlistedSpec = rows.host(org);
        unlistedSpec.listed = false;
        String unlisted = unlistedSpec.insert();

        index.refresh(List.of(listed, unlisted));

        Host host = index.snapshot().host(listed).orElseThrow();
        assertThat(host.freeGpuCount()).isEqualTo(4);
        assertThat(host.offer().orElseThrow().onDemandPerGpuHour().micros()).isEqualTo(400_000);
        assertThat(host.simulated()).isTrue();
        assertThat(index.snapshot().host(unlisted).orElseThrow().offer()).isEmpty();

        rows.execute("UPDATE hosts SET status = 'OFFLINE' WHERE id = ?", listed);
        index.refresh(listed);

        assertThat(index.snapshot().host(listed)).isEmpty();
    }

    @Test
    void onDemandPodsHoldGpusCpuAndRamInterruptibleOnesOnlyDiskAndStoppedOnesOnlyDisk() {
        MarketRows rows = new MarketRows(dataSource);
        String org = rows.hostOrganisation("Holding Hosts");
        String host = rows.host(org).insert();
        Timestamp t = Timestamp.from(Instant.EPOCH);
        String pod = "INSERT INTO pods (id, org_id, name, image, pod_type, state, host_id, gpu_count, gpu_indices,"
                + " cpu_cores, ram_gb, disk_gb, bid_micros, created_at, updated_at)"
                + " VALUES (?, ?, 'p', 'img', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        rows.execute(pod, "pod_a" + host, org, "ON_DEMAND", "RUNNING", host, 2, "0,1", 8, 32, 100, null, t, t);
        rows.execute(pod, "pod_b" + host, org, "INTERRUPTIBLE", "RUNNING", host, 1, "2", 4, 16, 50, 300_000L, t, t);
        rows.execute(pod, "pod_c" + host, org, "ON_DEMAND", "STOPPED", host, 1, "", 4, 16, 70, null, t, t);

        index.refresh(host);

        Host seen = index.snapshot().host(host).orElseThrow();
        assertThat(seen.free().freeGpus().stream().boxed().toList()).containsExactly(2, 3);
        assertThat(seen.free().cpuCores()).isEqualTo(32 - 8);
        assertThat(seen.free().ramGb()).isEqualTo(128 - 32);
        assertThat(seen.free().diskGb()).isEqualTo(2000 - 100 - 50 - 70);
    }
}
