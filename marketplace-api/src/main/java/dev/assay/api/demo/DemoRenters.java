package dev.assay.api.demo;

import dev.assay.api.billing.Ledger;
import dev.assay.api.demo.DemoFleet.Member;
import dev.assay.api.pods.PodState;
import dev.assay.api.pods.PodType;
import dev.assay.api.pods.RenterDesk;
import dev.assay.api.pods.RenterDesk.Accepted;
import dev.assay.api.pods.RenterDesk.Order;
import dev.assay.api.pods.RenterDesk.Outcome;
import dev.assay.pricing.Money;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIMULATED renters of the demo market: a few organisations with credit that rent on demand, bid for
 * interruptible capacity around the hosts' minimum bids, raise a waiting bid now and then, and stop and delete their
 * pods after a while. They act through {@link RenterDesk}, the path {@code /v1/pods} takes, so placement,
 * preemption, metering and the ledger treat them as any renter; only their decisions are made up, from a seeded
 * random source, so the same seed and clock give the same sequence of decisions.
 *
 * <p>Interruptible bids go to a handful of "popular" small hosts so that bids meet: some outbid others and
 * on-demand rentals preempt them, as the clearing rules say. Work per tick is bounded ({@value #ACTIONS_PER_TICK}
 * actions); live pods per renter too ({@value #MAX_LIVE_PODS}). Not thread-safe: {@link DemoMarket} calls it from
 * one tick at a time.
 */
@Singleton
@Requires(property = "assay.demo.enabled", value = "true")
class DemoRenters {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRenters.class);

    static final int RENTERS = 6;
    static final int MAX_LIVE_PODS = 4;
    static final int ACTIONS_PER_TICK = 2;
    static final int POPULAR_HOSTS = 4;
    /** Each renter's starting credit; a restart finds it posted (the reference makes the credit idempotent). */
    static final Money CREDIT = Money.ofDollars(2_000);
    static final String IMAGE = "ghcr.io/assay-demo/simulated-workload:1.0";
    /** Queries the on-demand renters search with: cheap consumer cards, big memory, verified datacenter GPUs. */
    private static final List<Optional<String>> QUERIES = List.of(Optional.empty(), Optional.of("gpu_ram>=24"),
            Optional.of("gpu_ram>=40 verified=true"), Optional.of("tier=secure"), Optional.of("region=eu-central"),
            Optional.of("reliability>0.9"));

    /** A pod a renter holds, as the renter remembers it. */
    private static final class Held {
        final String podId;
        final PodType type;
        final long stopAtTick;
        Money bid;
        boolean stopped;

        Held(String podId, PodType type, long stopAtTick, Money bid) {
            this.podId = podId;
            this.type = type;
            this.stopAtTick = stopAtTick;
            this.bid = bid;
        }
    }

    private record Renter(String orgId, List<Held> pods) {}

    private final RenterDesk desk;
    private final Ledger ledger;
    private final DemoOrganisation organisations;
    private final List<Renter> renters = new ArrayList<>();
    private List<Member> popular = List.of();
    private SplittableRandom random = new SplittableRandom(0);
    private long podsCreated;

    DemoRenters(RenterDesk desk, Ledger ledger, DemoOrganisation organisations) {
        this.desk = desk;
        this.ledger = ledger;
        this.organisations = organisations;
    }

    static String renterId(int n) {
        return String.format("org_d3m0rentr%017d", n);
    }

    /** Makes the renters (or finds them), credits them once, and picks up the pods a previous run left. */
    void begin(List<Member> roster, long seed, long tick) {
        random = new SplittableRandom(seed ^ 0x7265_6E74L);
        renters.clear();
        for (int n = 1; n <= RENTERS; n++) {
            String orgId = organisations.ensure(renterId(n), "Demo renter " + n + " (SIMULATED)");
            ledger.credit(orgId, CREDIT, "demo-renter-credit-" + orgId);
            List<Held> held = new ArrayList<>();
            for (Object[] pod : organisations.livePods(orgId)) {
                held.add(new Held((String) pod[0], PodType.valueOf((String) pod[1]), tick + 1 + random.nextInt(20),
                        pod[2] == null ? null : Money.ofMicros(((Number) pod[2]).longValue())));
            }
            renters.add(new Renter(orgId, held));
        }
        // Small hosts, so that a few bids fill them and the next one preempts.
        popular = roster.stream().filter(m -> m.host().conduct() == DemoConduct.STEADY)
                .filter(m -> m.host().machine().gpus().size() <= 2 && m.host().offer().minGpusPerPod() == 1)
                .sorted(Comparator.comparingInt((Member m) -> m.host().machine().gpus().size())
                        .thenComparingInt(m -> m.host().index()))
                .limit(POPULAR_HOSTS).toList();
    }

    void tick(long tick) {
        for (int a = 0; a < ACTIONS_PER_TICK; a++) {
            act(renters.get(random.nextInt(renters.size())), tick);
        }
    }

    long podsCreated() {
        return podsCreated;
    }

    private void act(Renter renter, long tick) {
        Optional<Held> due = renter.pods().stream().filter(p -> tick >= p.stopAtTick).findFirst();
        if (due.isPresent()) {
            finish(renter, due.get());
            return;
        }
        Optional<Held> waiting = renter.pods().stream()
                .filter(p -> p.type == PodType.INTERRUPTIBLE && p.bid != null && !p.stopped).findFirst();
        double roll = random.nextDouble();
        if (waiting.isPresent() && roll < 0.15) {
            raise(renter, waiting.get());
        } else if (renter.pods().size() < MAX_LIVE_PODS) {
            if (roll < 0.55 || popular.isEmpty()) {
                rentOnDemand(renter, tick);
            } else {
                bid(renter, tick);
            }
        }
    }

    private void rentOnDemand(Renter renter, long tick) {
        Optional<String> query = QUERIES.get(random.nextInt(QUERIES.size()));
        int gpus = random.nextInt(10) < 7 ? 1 : 2;
        long life = 10 + random.nextInt(50);
        Outcome outcome = desk.create(renter.orgId(), new Order(name("train"), IMAGE, gpus, PodType.ON_DEMAND,
                Optional.empty(), Optional.empty(), query, random.nextLong()));
        keep(renter, outcome, PodType.ON_DEMAND, tick + life, null);
    }

    /** A bid around the host's minimum: some below it (they wait), most above, a few well above (they preempt). */
    private void bid(Renter renter, long tick) {
        Member host = popular.get(random.nextInt(popular.size()));
        Money minimum = host.host().offer().minimumBidPerGpuHour();
        Money bid = cents(minimum.micros() * (0.9 + 0.7 * random.nextDouble()));
        long life = 15 + random.nextInt(60);
        Outcome outcome = desk.create(renter.orgId(), new Order(name("batch"), IMAGE, 1, PodType.INTERRUPTIBLE,
                Optional.of(bid), Optional.of(host.hostId()), Optional.empty(), random.nextLong()));
        keep(renter, outcome, PodType.INTERRUPTIBLE, tick + life, bid);
    }

    private void raise(Renter renter, Held pod) {
        Money higher = cents(pod.bid.micros() * (1.1 + 0.3 * random.nextDouble()));
        Outcome outcome = desk.changeBid(renter.orgId(), pod.podId, higher);
        if (outcome instanceof Accepted) {
            pod.bid = higher;
        }
        LOG.info("event=demo_bid_raised org={} pod={} bid={} outcome={} simulated=true", renter.orgId(), pod.podId,
                higher, outcome);
    }

    /** Stops a pod whose time is up, and deletes it on the next turn (a stopped pod keeps its disk until then). */
    private void finish(Renter renter, Held pod) {
        Outcome outcome;
        if (!pod.stopped && pod.type == PodType.ON_DEMAND) {
            outcome = desk.stop(renter.orgId(), pod.podId);
            pod.stopped = true;
            if (outcome instanceof Accepted accepted && accepted.state() != PodState.TERMINATED) {
                LOG.info("event=demo_pod_stopped org={} pod={} state={} simulated=true", renter.orgId(), pod.podId,
                        accepted.state());
                return;
            }
        }
        outcome = desk.delete(renter.orgId(), pod.podId);
        renter.pods().remove(pod); // deleted, or refused because it is gone already: either way no longer held
        LOG.info("event=demo_pod_deleted org={} pod={} outcome={} simulated=true", renter.orgId(), pod.podId, outcome);
    }

    private void keep(Renter renter, Outcome outcome, PodType type, long stopAtTick, Money bid) {
        if (outcome instanceof Accepted accepted) {
            podsCreated++;
            renter.pods().add(new Held(accepted.podId(), type, stopAtTick, bid));
            LOG.info("event=demo_pod_created org={} pod={} type={} state={} host={} bid={} simulated=true",
                    renter.orgId(), accepted.podId(), type, accepted.state(), accepted.hostId().orElse("-"),
                    bid == null ? "-" : bid);
        } else {
            LOG.info("event=demo_pod_refused org={} type={} why=\"{}\" simulated=true", renter.orgId(), type,
                    ((RenterDesk.Refused) outcome).why());
        }
    }

    private String name(String what) {
        return "sim-" + what + "-" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private static Money cents(double micros) {
        return Money.ofMicros(Math.max(10_000, Math.round(micros / 10_000.0) * 10_000));
    }
}
