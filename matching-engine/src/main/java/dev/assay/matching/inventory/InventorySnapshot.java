package dev.assay.matching.inventory;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An immutable view of every host in the market, with the indexes search and placement need. Safe to share
 * between threads; updates return a new snapshot and leave this one untouched.
 *
 * <h2>Cost of an update</h2>
 * A market changes a host at a time (a join, a leave, a placement that takes GPUs), so {@link #with} and
 * {@link #without} share everything they can with the old snapshot instead of rebuilding it:
 * <ul>
 *   <li>the id index is split into {@value #SHARDS} shards by hash; an update copies one shard
 *       (about n/{@value #SHARDS} entries) and the array of shard references;</li>
 *   <li>the per-model index keeps each GPU model's hosts in an array sorted by id; an update copies the
 *       arrays of the models involved (one, or two when a host changes model) and the small model map.</li>
 * </ul>
 * At 100 k hosts over ~20 models that is a few thousand references copied per update, against a full
 * rebuild of 100 k entries and a sort.
 *
 * <h2>Order</h2>
 * {@link #hosts()} iterates by GPU model id, then host id: stable for the same content, so results built
 * from it are deterministic.
 */
public final class InventorySnapshot {

    static final int SHARDS = 64;
    private static final Host[] NO_HOSTS = new Host[0];
    private static final Comparator<Host> BY_ID = Comparator.comparing(Host::id);
    private static final InventorySnapshot EMPTY = new InventorySnapshot(emptyShards(), new TreeMap<>(), 0);

    private final Map<String, Host>[] shards;
    /** GPU model id → its hosts sorted by id. The map is never mutated after construction. */
    private final TreeMap<String, Segment> byModel;
    private final int size;
    /** What has been computed from this whole snapshot; an update makes a snapshot that starts empty. */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> derived =
            new java.util.concurrent.ConcurrentHashMap<>(4);

    private InventorySnapshot(Map<String, Host>[] shards, TreeMap<String, Segment> byModel, int size) {
        this.shards = shards;
        this.byModel = byModel;
        this.size = size;
    }

    public static InventorySnapshot empty() {
        return EMPTY;
    }

    /** A snapshot of {@code hosts}; a later host with the same id replaces an earlier one. */
    public static InventorySnapshot of(Collection<Host> hosts) {
        Map<String, Host> unique = new HashMap<>();
        for (Host host : hosts) {
            unique.put(host.id(), host);
        }
        @SuppressWarnings("unchecked")
        Map<String, Host>[] building = new Map[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            building[i] = new HashMap<>();
        }
        TreeMap<String, java.util.ArrayList<Host>> models = new TreeMap<>();
        for (Host host : unique.values()) {
            building[shardOf(host.id())].put(host.id(), host);
            models.computeIfAbsent(host.gpuModel(), m -> new java.util.ArrayList<>()).add(host);
        }
        @SuppressWarnings("unchecked")
        Map<String, Host>[] frozen = new Map[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            frozen[i] = Map.copyOf(building[i]);
        }
        TreeMap<String, Segment> byModel = new TreeMap<>();
        models.forEach((model, list) -> {
            Host[] sorted = list.toArray(NO_HOSTS);
            Arrays.sort(sorted, BY_ID);
            byModel.put(model, new Segment(sorted));
        });
        return new InventorySnapshot(frozen, byModel, unique.size());
    }

    public Optional<Host> host(String id) {
        return Optional.ofNullable(shards[shardOf(id)].get(id));
    }

    /** Every host, by GPU model id then host id. A view: nothing is copied. */
    public Collection<Host> hosts() {
        return new AllHosts();
    }

    public int size() {
        return size;
    }

    /** The GPU model ids present, sorted. A view: nothing is copied (the model map never changes). */
    public SortedSet<String> gpuModels() {
        return Collections.unmodifiableSortedSet(byModel.navigableKeySet());
    }

    /** Hosts whose GPUs are {@code skuId}, sorted by id; empty if none. */
    public List<Host> hostsWithGpuModel(String skuId) {
        Segment segment = byModel.get(skuId);
        return segment == null ? List.of() : Collections.unmodifiableList(Arrays.asList(segment.hosts));
    }

    /**
     * Something computed from the hosts of one GPU model (an index, columns for a scan), remembered for as
     * long as that model's hosts do not change: snapshots made by {@link #with}/{@link #without} share it for
     * every model the update did not touch. {@code compute} must be a pure function of the hosts; it may run
     * more than once when threads race; one value is kept per model and {@code kind}.
     *
     * @return empty if there are no hosts of {@code skuId}
     */
    public <T> Optional<T> derivedForGpuModel(String skuId, Class<T> kind, Function<List<Host>, T> compute) {
        Segment segment = byModel.get(skuId);
        if (segment == null) {
            return Optional.empty();
        }
        Object cached = segment.derived.get(kind);
        if (cached != null) {
            return Optional.of(kind.cast(cached));
        }
        T made = compute.apply(Collections.unmodifiableList(Arrays.asList(segment.hosts)));
        segment.derived.put(kind, made);
        return Optional.of(made);
    }

    /**
     * Something computed from this whole snapshot (answers to queries asked again), remembered for as long as
     * this snapshot lives: {@link #with}/{@link #without} make a snapshot that starts without it, so it can
     * never be stale. One value per {@code kind}; {@code compute} may run more than once when threads race.
     */
    public <T> T derived(Class<T> kind, java.util.function.Supplier<T> compute) {
        Object cached = derived.get(kind);
        if (cached != null) {
            return kind.cast(cached);
        }
        T made = compute.get();
        Object winner = derived.putIfAbsent(kind, made);
        return winner == null ? made : kind.cast(winner);
    }

    /** A snapshot where {@code host} has joined, or replaced the host with its id. */
    public InventorySnapshot with(Host host) {
        Optional<Host> previous = host(host.id());
        Map<String, Host>[] newShards = shards.clone();
        int shard = shardOf(host.id());
        Map<String, Host> copy = new HashMap<>(shards[shard]);
        copy.put(host.id(), host);
        newShards[shard] = Map.copyOf(copy);

        TreeMap<String, Segment> newModels = new TreeMap<>(byModel);
        previous.ifPresent(old -> removeFromModel(newModels, old));
        insertIntoModel(newModels, host);
        return new InventorySnapshot(newShards, newModels, previous.isPresent() ? size : size + 1);
    }

    /** A snapshot without the host {@code hostId}; this snapshot itself if there is no such host. */
    public InventorySnapshot without(String hostId) {
        Optional<Host> previous = host(hostId);
        if (previous.isEmpty()) {
            return this;
        }
        Map<String, Host>[] newShards = shards.clone();
        int shard = shardOf(hostId);
        Map<String, Host> copy = new HashMap<>(shards[shard]);
        copy.remove(hostId);
        newShards[shard] = Map.copyOf(copy);

        TreeMap<String, Segment> newModels = new TreeMap<>(byModel);
        removeFromModel(newModels, previous.get());
        return new InventorySnapshot(newShards, newModels, size - 1);
    }

    private static void insertIntoModel(TreeMap<String, Segment> models, Host host) {
        Segment segment = models.get(host.gpuModel());
        Host[] old = segment == null ? NO_HOSTS : segment.hosts;
        int at = Arrays.binarySearch(old, host, BY_ID);
        Host[] updated;
        if (at >= 0) {
            updated = old.clone();
            updated[at] = host;
        } else {
            int insertion = -at - 1;
            updated = new Host[old.length + 1];
            System.arraycopy(old, 0, updated, 0, insertion);
            updated[insertion] = host;
            System.arraycopy(old, insertion, updated, insertion + 1, old.length - insertion);
        }
        models.put(host.gpuModel(), new Segment(updated));
    }

    private static void removeFromModel(TreeMap<String, Segment> models, Host host) {
        Host[] old = models.get(host.gpuModel()).hosts;
        int at = Arrays.binarySearch(old, host, BY_ID);
        if (old.length == 1) {
            models.remove(host.gpuModel());
            return;
        }
        Host[] updated = new Host[old.length - 1];
        System.arraycopy(old, 0, updated, 0, at);
        System.arraycopy(old, at + 1, updated, at, old.length - at - 1);
        models.put(host.gpuModel(), new Segment(updated));
    }

    private static int shardOf(String hostId) {
        return Math.floorMod(hostId.hashCode(), SHARDS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Host>[] emptyShards() {
        Map<String, Host>[] shards = new Map[SHARDS];
        Arrays.fill(shards, Map.of());
        return shards;
    }

    /** One GPU model's hosts, sorted by id, and what has been derived from them. */
    private static final class Segment {
        final Host[] hosts;
        /** One value per kind; a handful of kinds at most (search columns, placement bounds). */
        final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> derived = new java.util.concurrent.ConcurrentHashMap<>(4);

        Segment(Host[] hosts) {
            this.hosts = hosts;
        }
    }

    private final class AllHosts extends AbstractCollection<Host> {
        @Override
        public Iterator<Host> iterator() {
            Iterator<Segment> models = byModel.values().iterator();
            return new Iterator<>() {
                private Host[] current = NO_HOSTS;
                private int next;

                @Override
                public boolean hasNext() {
                    while (next >= current.length && models.hasNext()) {
                        current = models.next().hosts;
                        next = 0;
                    }
                    return next < current.length;
                }

                @Override
                public Host next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current[next++];
                }
            };
        }

        @Override
        public int size() {
            return size;
        }
    }
}
