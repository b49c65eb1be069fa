package dev.assay.api.demo;

import dev.assay.api.DeploymentProfile;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.MachineSpec;
import dev.assay.api.hosts.OfferTerms;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.reputation.reliability.ReliabilityModel;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a SIMULATED fleet at start of the embedded profile, so a one-command start shows a live market.
 * Every host is simulated: its row says so and every API answer about it carries {@code simulated: true}.
 *
 * <p>Runs only where {@code assay.demo.enabled} is true (application-embedded.yml sets it) and never in
 * the prod profile, whatever the configuration says. Idempotent across restarts: when the demo organisation
 * already has hosts, nothing is registered. Size: {@code assay.demo.fleet-size} ({@code ASSAY_DEMO_FLEET_SIZE},
 * default 40, at most {@value #MAX_FLEET}).
 */
@Singleton
@Requires(property = "assay.demo.enabled", value = "true")
public class DemoFleet {

    static final int MAX_FLEET = 1_000;
    /** Seed of the fleet: the same fleet on every machine. */
    static final long SEED = 20_260_301L;

    private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);

    private final DeploymentProfile profile;
    private final DemoOrganisation organisation;
    private final HostRegistry registry;
    private final int size;

    DemoFleet(DeploymentProfile profile, DemoOrganisation organisation, HostRegistry registry,
            @Value("${assay.demo.fleet-size:40}") int size) {
        if (size < 0 || size > MAX_FLEET) {
            throw new IllegalArgumentException("assay.demo.fleet-size (ASSAY_DEMO_FLEET_SIZE) must be within 0.."
                    + MAX_FLEET + ", was " + size);
        }
        this.profile = profile;
        this.organisation = organisation;
        this.registry = registry;
        this.size = size;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        register();
    }

    /** Registers the fleet unless it is there already; returns how many hosts were registered. */
    public int register() {
        if (!DeploymentProfile.EMBEDDED.equals(profile.name()) || size == 0) {
            return 0;
        }
        String orgId = organisation.ensure();
        if (organisation.hostCount() > 0) {
            LOG.info("event=demo_fleet_present org={}", orgId);
            return 0;
        }
        List<DemoHost> fleet = DemoHosts.generate(size, SEED, organisation.now());
        ReliabilityModel reliability = ReliabilityModel.withDefaults();
        for (DemoHost host : fleet) {
            String hostId = registry.register(orgId, host.machine());
            registry.recordReliability(hostId,
                    reliability.estimate(host.history(), List.of(), organisation.now()));
            if (host.verification() != VerificationState.UNVERIFIED) {
                registry.setVerification(hostId, host.verification());
            }
            registry.listOffer(orgId, hostId, host.offer());
        }
        LOG.info("event=demo_fleet_registered org={} hosts={} simulated=true", orgId, fleet.size());
        return fleet.size();
    }

    /** One generated host: the machine, its observed history, verification and offer. */
    record DemoHost(MachineSpec machine, List<dev.assay.reputation.reliability.ObservedInterval> history,
            VerificationState verification, OfferTerms offer) {}
}
