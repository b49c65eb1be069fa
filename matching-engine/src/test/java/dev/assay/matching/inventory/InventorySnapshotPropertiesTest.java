package dev.assay.matching.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class InventorySnapshotPropertiesTest {

    /** One change to the market: a host joins or changes (same id, new facts), or leaves. */
    record Change(boolean leave, String hostId, String model, int freeGpus) {}

    @Property(tries = 200)
    void incrementalUpdatesMatchAFullRebuild(@ForAll("changes") List<Change> changes) {
        InventorySnapshot incremental = InventorySnapshot.empty();
        Map<String, Host> truth = new HashMap<>();
        List<InventorySnapshot> history = new ArrayList<>();
        List<List<Host>> contents = new ArrayList<>();

        for (Change change : changes) {
            history.add(incremental);
            contents.add(List.copyOf(incremental.hosts()));
            if (change.leave()) {
                incremental = incremental.without(change.hostId());
                truth.remove(change.hostId());
            } else {
                Host host = host(change.hostId(), change.model(), change.freeGpus());
                incremental = incremental.with(host);
                truth.put(host.id(), host);
            }
        }

        InventorySnapshot rebuilt = InventorySnapshot.of(truth.values());
        InventorySnapshot updated = incremental;
        assertThat(updated.size()).isEqualTo(truth.size());
        assertThat(List.copyOf(incremental.hosts())).containsExactlyElementsOf(rebuilt.hosts());
        for (String model : rebuilt.gpuModels()) {
            assertThat(incremental.hostsWithGpuModel(model)).containsExactlyElementsOf(rebuilt.hostsWithGpuModel(model));
        }
        assertThat(incremental.gpuModels()).isEqualTo(rebuilt.gpuModels());
        truth.forEach((id, host) -> assertThat(updated.host(id)).contains(host));
        // Older snapshots were never changed by later updates.
        for (int i = 0; i < history.size(); i++) {
            InventorySnapshot older = history.get(i);
            List<Host> had = contents.get(i);
            assertThat(older.size()).isEqualTo(had.size());
            assertThat(older.hosts()).containsExactlyElementsOf(had);
            had.forEach(host -> assertThat(older.host(host.id())).contains(host));
            had.forEach(host -> assertThat(older.hostsWithGpuModel(host.gpuModel())).contains(host));
        }
    }

    @Test
    void hostsIterateByModelThenId() {
        InventorySnapshot snapshot = InventorySnapshot.of(List.of(
                host("h3", "RTX_4090", 1), host("h1", "RTX_4090", 1), host("h2", "A100_SXM4_80GB", 1)));

        assertThat(snapshot.hosts()).extracting(Host::id).containsExactly("h2", "h1", "h3");
        assertThat(snapshot.hostsWithGpuModel("RTX_4090")).extracting(Host::id).containsExactly("h1", "h3");
        assertThat(snapshot.hostsWithGpuModel("H100_SXM5")).isEmpty();
    }

    @Test
    void updatesLeaveTheOldSnapshotAsItWas() {
        InventorySnapshot before = InventorySnapshot.of(List.of(host("h1", "RTX_4090", 2), host("h2", "RTX_3090", 4)));

        InventorySnapshot joined = before.with(host("h3", "RTX_4090", 1));
        InventorySnapshot moved = joined.with(host("h1", "H100_SXM5", 3));
        InventorySnapshot left = moved.without("h2");

        assertThat(before.hosts()).extracting(Host::id).containsExactly("h2", "h1");
        assertThat(before.host("h1").orElseThrow().freeGpuCount()).isEqualTo(2);
        assertThat(before.host("h3")).isEmpty();
        assertThat(joined.hostsWithGpuModel("RTX_4090")).extracting(Host::id).containsExactly("h1", "h3");
        assertThat(moved.hostsWithGpuModel("RTX_4090")).extracting(Host::id).containsExactly("h3");
        assertThat(moved.hostsWithGpuModel("H100_SXM5")).extracting(Host::id).containsExactly("h1");
        assertThat(moved.size()).isEqualTo(3);
        assertThat(left.size()).isEqualTo(2);
        assertThat(left.gpuModels()).containsExactly("H100_SXM5", "RTX_4090");
        assertThat(moved.host("h2")).isPresent();
        assertThat(left.without("no-such-host")).isSameAs(left);
    }

    @Test
    void aHostCannotHaveMoreFreeThanItHas() {
        assertThatThrownBy(() -> host("h1", "RTX_4090", 1).withFree(FreeCapacity.allOf(5, 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("free capacity exceeds");
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Change> change = Combinators.combine(
                        Arbitraries.integers().between(0, 3).map(n -> n == 0),
                        Arbitraries.integers().between(1, 30).map(n -> "host-" + n),
                        Arbitraries.of("RTX_4090", "RTX_3090", "H100_SXM5"),
                        Arbitraries.integers().between(0, 4))
                .as(Change::new);
        return change.list().ofMaxSize(120);
    }

    static Host host(String id, String model, int freeGpus) {
        List<GpuFacts> gpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gpus.add(new GpuFacts(i, model, model.replace('_', ' '), 24, 165, 82, 1008, 25, 40, "8.9"));
        }
        java.util.BitSet free = new java.util.BitSet();
        free.set(0, freeGpus);
        return new Host(id, Tier.COMMUNITY, "eu-central", "", "DE", VerificationState.VERIFIED, 0.97, 0.99,
                32, 128, 1000, 2000, 500, 900, "550.54", "12.4", gpus, new FreeCapacity(free, 32, 128, 1000),
                Optional.of(new HostOffer(Money.parse("0.40"), Money.parse("0.20"), Money.parse("0.10"), 1)), true);
    }
}
