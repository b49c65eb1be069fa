package dev.assay.api.demo;

import dev.assay.api.DeploymentProfile;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostRegistry.FleetMachine;
import dev.assay.api.hosts.MachineSpec;
import dev.assay.api.hosts.OfferTerms;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.reliability.ObservedInterval;
import dev.assay.reputation.reliability.ReliabilityModel;
import dev.assay.reputation.sku.GpuSku;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIMULATED fleet of the embedded profile, so a one-command start shows a living market. Every host is
 * simulated: its row says so and every API answer about it carries {@code simulated: true}.
 *
 * <p>Runs only where {@code assay.demo.enabled} is true (application-embedded.yml sets it) and never in the prod
 * profile, whatever the configuration says. Idempotent across restarts: when the demo organisation already has
 * hosts, nothing is registered, and the fleet generated from the seed is matched to the stored rows by name.
 * Size: {@code assay.demo.fleet-size} ({@code ASSAY_DEMO_FLEET_SIZE}, default 200, at most {@value #MAX_FLEET});
 * seed: {@code assay.demo.seed} ({@code ASSAY_DEMO_SEED}).
 *
 * <p>Registration goes through {@link HostRegistry#registerFleet}: the registry's rules, in JDBC batches, so
 * 100 000 hosts (a search benchmark's market) register in about a minute rather than an hour.
 */
@Singleton
@Requires(property = "assay.demo.enabled", value = "true")
public class DemoFleet {

    /** The largest fleet: a search benchmark's 100 000 offers. */
    static final int MAX_FLEET = 100_000;
    /** Default seed of the fleet and its market: the same fleet and renters on every machine. */
    static final long SEED = 20_260_301L;

    private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);

    /** One generated host: its place in the fleet, the machine, past, verification, offer, conduct and its SKU. */
    record DemoHost(int index, MachineSpec machine, List<ObservedInterval> history, VerificationState verification,
            OfferTerms offer, DemoConduct conduct, GpuSku sku) {}

    /** A generated host and the id of its stored row. */
    record Member(DemoHost host, String hostId) {}

    private final DeploymentProfile profile;
    private final DemoOrganisation organisation;
    private final HostRegistry registry;
    private final int size;
    private final long seed;
    private volatile List<Member> roster = List.of();
    private volatile boolean resumed;

    DemoFleet(DeploymentProfile profile, DemoOrganisation organisation, HostRegistry registry,
            @Value("${assay.demo.fleet-size:200}") int size, @Value("${assay.demo.seed:20260301}") long seed) {
        if (size < 0 || size > MAX_FLEET) {
            throw new IllegalArgumentException("assay.demo.fleet-size (ASSAY_DEMO_FLEET_SIZE, ./assay demo --hosts N)"
                    + " must be within 0.." + MAX_FLEET + ", was " + size);
        }
        this.profile = profile;
        this.organisation = organisation;
        this.registry = registry;
        this.size = size;
        this.seed = seed;
    }

    /** Whether this deployment may have a demo market at all: the embedded profile, never prod. */
    boolean active() {
        return DeploymentProfile.EMBEDDED.equals(profile.name());
    }

    long seed() {
        return seed;
    }

    /** The fleet as registered (or found), in generated order; empty before {@link #register} ran. */
    List<Member> roster() {
        return roster;
    }

    /** Whether {@link #register} found the fleet of an earlier run rather than registering it. */
    boolean resumed() {
        return resumed;
    }

    /** Registers the fleet unless it is there already; returns how many hosts were registered. */
    public int register() {
        if (!active() || size == 0) {
            return 0;
        }
        String orgId = organisation.ensure();
        Instant now = organisation.now();
        List<DemoHost> fleet = DemoHosts.generate(size, seed, now);
        long stored = organisation.hostCount();
        if (stored > 0) {
            roster = matchByName(fleet, organisation.hostIdsByName());
            resumed = true;
            LOG.info("event=demo_fleet_present org={} hosts={} simulated=true", orgId, roster.size());
            if (stored != size) {
                // Not an error (the data is kept between runs on purpose), but --hosts N was asked and is not what runs.
                LOG.warn("event=demo_fleet_size_kept stored={} asked={} why=\"the data directory already holds a demo"
                        + " fleet of {} hosts; --hosts applies to a new one: remove data/demo (or set ASSAY_DATA_DIR)"
                        + " to start afresh\"", stored, size, stored);
            }
            return 0;
        }
        long started = System.nanoTime();
        ReliabilityModel reliability = ReliabilityModel.withDefaults();
        List<FleetMachine> machines = new ArrayList<>(fleet.size());
        for (DemoHost host : fleet) {
            machines.add(new FleetMachine(host.machine(), host.verification(),
                    reliability.estimate(host.history(), List.of(), now), host.offer()));
        }
        List<String> ids = registry.registerFleet(orgId, machines, seed);
        List<Member> members = new ArrayList<>(fleet.size());
        for (int i = 0; i < fleet.size(); i++) {
            members.add(new Member(fleet.get(i), ids.get(i)));
        }
        roster = List.copyOf(members);
        LOG.info("event=demo_fleet_registered org={} hosts={} took_ms={} simulated=true", orgId, fleet.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return fleet.size();
    }

    private static List<Member> matchByName(List<DemoHost> fleet, Map<String, String> idsByName) {
        List<Member> members = new ArrayList<>(fleet.size());
        for (DemoHost host : fleet) {
            String id = idsByName.get(host.machine().name());
            if (id != null) { // a fleet stored at another size or seed keeps only the hosts both have
                members.add(new Member(host, id));
            }
        }
        return List.copyOf(members);
    }
}
