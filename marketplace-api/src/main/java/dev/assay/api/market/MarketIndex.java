package dev.assay.api.market;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.InventorySnapshot;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matching engine's in-memory view of the market, kept in step with the database.
 *
 * <p>Loaded whole at start; after every commit that changes a host (enrolled, offer changed, pod placed
 * or released) its writer calls {@link #refresh} with the host ids, which re-reads just those hosts. The
 * database stays the arbiter: placements are planned on this snapshot and committed with a check of the
 * host's {@code capacity_version}, so a stale snapshot costs a retry, never a double booking. A periodic
 * full reload repairs anything a crashed writer did not refresh.
 *
 * <p>Snapshots are immutable; readers take {@link #snapshot()} and keep a consistent view while writers
 * swap in the next one.
 */
@Singleton
public class MarketIndex {

    private static final Logger LOG = LoggerFactory.getLogger(MarketIndex.class);

    private final InventoryLoader loader;
    private final AtomicReference<InventorySnapshot> current = new AtomicReference<>(InventorySnapshot.empty());
    private final List<java.util.function.Consumer<Set<String>>> refreshListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public MarketIndex(InventoryLoader loader) {
        this.loader = loader;
    }

    /** The market as of the last refresh. */
    public InventorySnapshot snapshot() {
        return current.get();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        reloadAll();
    }

    /** Re-reads every host. */
    @Scheduled(fixedDelay = "${assay.market.full-reload:5m}", initialDelay = "${assay.market.full-reload:5m}")
    public synchronized void reloadAll() {
        InventorySnapshot loaded = InventorySnapshot.of(loader.loadAll());
        current.set(loaded);
        LOG.info("event=market_index_loaded hosts={}", loaded.size());
    }

    /**
     * Re-reads these hosts after a commit changed them: each is replaced by its row as it is now, or removed
     * if it is gone, offline or has no GPUs. Call it after the transaction committed.
     */
    // Reads and swaps under one lock, so a refresh or reload that read the database earlier never
    // overwrites hosts with older rows than a later one applied.
    public void refresh(Collection<String> hostIds) {
        refreshFromDatabase(hostIds);
        if (!hostIds.isEmpty()) {
            refreshListeners.forEach(listener -> listener.accept(Set.copyOf(hostIds)));
        }
    }

    /** Calls {@code listener} with the host ids after every {@link #refresh} this instance's writers ask for. */
    public void onRefresh(java.util.function.Consumer<Set<String>> listener) {
        refreshListeners.add(listener);
    }

    /** As {@link #refresh}, for a change another instance made: its listeners are not told again. */
    public synchronized void refreshFromDatabase(Collection<String> hostIds) {
        if (hostIds.isEmpty()) {
            return;
        }
        Set<String> ids = Set.copyOf(hostIds);
        InventorySnapshot next = current.get();
        Set<String> seen = new HashSet<>();
        for (Host host : loader.load(ids)) {
            next = next.with(host);
            seen.add(host.id());
        }
        for (String id : ids) {
            if (!seen.contains(id)) {
                next = next.without(id);
            }
        }
        current.set(next);
    }

    /** Convenience for one host. */
    public void refresh(String hostId) {
        refresh(List.of(hostId));
    }
}
