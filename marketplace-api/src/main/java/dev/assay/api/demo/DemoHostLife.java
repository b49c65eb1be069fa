package dev.assay.api.demo;

import dev.assay.api.agents.SimulatedChallenges;
import dev.assay.api.agents.SimulatedChallenges.SimulatedAnswer;
import dev.assay.api.demo.DemoFleet.Member;
import dev.assay.api.hosts.HostRegistry;
import dev.assay.api.hosts.HostStatus;
import dev.assay.api.hosts.OfferTerms;
import dev.assay.api.market.MarketIndex;
import dev.assay.api.pods.PodLifecycle;
import dev.assay.api.problem.ApiProblem;
import dev.assay.matching.inventory.VerificationState;
import dev.assay.pricing.Money;
import dev.assay.reputation.challenge.HostSolver;
import dev.assay.reputation.plausibility.NvmlFacts;
import dev.assay.reputation.reliability.HostAvailability;
import dev.assay.reputation.reliability.ObservedInterval;
import dev.assay.reputation.score.MeasuredFigures;
import dev.assay.reputation.score.ScoreFigure;
import dev.assay.reputation.sku.GpuSku;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIMULATED hosts' side of the living demo market: what each {@link DemoConduct} does, one tick at a time.
 * Every effect goes through the marketplace's own rules, never a written outcome:
 *
 * <ul>
 *   <li>flaky hosts go OFFLINE and come back through {@link HostRegistry#setStatus} (their pods become LOST as the
 *       lifecycle says); each pod lost is a host-caused failure recorded with the registry, and reliability is
 *       re-estimated by the reputation module's model from the availability the simulator observed;
 *   <li>degraded hosts report a throttled benchmark through {@link HostRegistry#recordBenchmark}: the plausibility
 *       check calls it DEGRADED and the GPU's score drops to what it measured;
 *   <li>dishonest hosts report figures above their claimed GPU's physical limits (the check calls them IMPOSSIBLE
 *       and keeps them as evidence without changing any score), then answer the proof-of-GPU challenge with a
 *       guessed product, which {@link SimulatedChallenges} catches: DEVERIFIED;
 *   <li>honest hosts that never passed a challenge get one and pass it: VERIFIED;
 *   <li>steady hosts' owners re-price now and then (up when rented, down when idle) through
 *       {@link HostRegistry#listOffer}, so prices move as in a market.
 * </ul>
 *
 * <p>Work per tick is bounded: at most {@value #MAX_RETURNS_PER_TICK} hosts come back, one drops, one report or
 * challenge runs, one offer is re-priced. Not thread-safe: {@link DemoMarket} calls it from one tick at a time.
 */
@Singleton
@Requires(property = "assay.demo.enabled", value = "true")
class DemoHostLife {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHostLife.class);

    static final int MAX_RETURNS_PER_TICK = 4;
    /** Chance per tick that one flaky host drops off: with 2 s ticks, about one outage every 10 s. */
    static final double DROP_CHANCE_PER_TICK = 0.2;
    /** Chance per tick that one steady host's owner re-prices: about every 6 s with 2 s ticks. */
    static final double REPRICE_CHANCE_PER_TICK = 0.35;
    /** A flaky host stays away 3 to 15 ticks. */
    static final int MIN_AWAY_TICKS = 3;
    static final int MAX_AWAY_TICKS = 15;
    /** What a claimed GPU's ceiling is multiplied by in a dishonest report: well above the check's tolerance. */
    static final double INFLATION = 1.3;

    private enum Step { THROTTLED_BENCHMARK, INFLATED_BENCHMARK, GUESSED_CHALLENGE, HONEST_CHALLENGE }

    private record Reveal(Member member, Step step) {}

    /** A flaky host's state and the availability the simulator observed (bounded to the model's 30 days). */
    private static final class Flaky {
        final Member member;
        final List<ObservedInterval> past;
        boolean online = true;
        Instant since;
        long backAtTick;

        Flaky(Member member, Instant now) {
            this.member = member;
            this.past = new ArrayList<>(member.host().history());
            this.since = now;
        }

        List<ObservedInterval> observed(Instant now) {
            Instant horizon = now.minus(Duration.ofDays(30));
            past.removeIf(i -> i.end().isBefore(horizon));
            List<ObservedInterval> all = new ArrayList<>(past);
            if (since.isBefore(now)) {
                all.add(new ObservedInterval(since, now, online ? HostAvailability.ONLINE : HostAvailability.OFFLINE));
            }
            return all;
        }

        void turn(Instant now) {
            if (since.isBefore(now)) {
                past.add(new ObservedInterval(since, now, online ? HostAvailability.ONLINE : HostAvailability.OFFLINE));
            }
            online = !online;
            since = now;
        }
    }

    private final HostRegistry registry;
    private final SimulatedChallenges challenges;
    private final PodLifecycle pods;
    private final MarketIndex index;
    private final Deque<Reveal> reveals = new ArrayDeque<>();
    private final List<Flaky> flaky = new ArrayList<>();
    private final List<Member> steady = new ArrayList<>();
    private SplittableRandom random = new SplittableRandom(0);

    DemoHostLife(HostRegistry registry, SimulatedChallenges challenges, PodLifecycle pods, MarketIndex index) {
        this.index = index;
        this.registry = registry;
        this.challenges = challenges;
        this.pods = pods;
    }

    /** Takes the fleet as registered or found; the bad hosts' reveals come first, in fleet order. */
    void begin(List<Member> roster, long seed, Instant now, boolean resumed) {
        random = new SplittableRandom(seed ^ 0x686F_7374L);
        reveals.clear();
        flaky.clear();
        steady.clear();
        List<Reveal> honest = new ArrayList<>();
        for (Member m : roster) {
            switch (m.host().conduct()) {
                case DEGRADED -> reveals.add(new Reveal(m, Step.THROTTLED_BENCHMARK));
                case DISHONEST -> {
                    reveals.add(new Reveal(m, Step.INFLATED_BENCHMARK));
                    reveals.add(new Reveal(m, Step.GUESSED_CHALLENGE));
                }
                case FLAKY -> flaky.add(new Flaky(m, now));
                case STEADY -> steady.add(m);
            }
            if (m.host().conduct() != DemoConduct.DISHONEST && m.host().verification() == VerificationState.UNVERIFIED) {
                honest.add(new Reveal(m, Step.HONEST_CHALLENGE));
            }
        }
        reveals.addAll(honest);
        // A restart may find a flaky host stored OFFLINE: it comes back on the first ticks. (A fleet registered
        // just now is all ONLINE: 5 000 reads saved on a 100 000-host start.)
        for (Flaky f : resumed ? flaky : List.<Flaky>of()) {
            registry.storedMachine(f.member.hostId()).filter(s -> s.status() == HostStatus.OFFLINE).ifPresent(s -> {
                f.online = false;
                f.backAtTick = 1;
            });
        }
    }

    void tick(long tick, Instant now) {
        int returned = 0;
        for (Flaky f : flaky) {
            if (!f.online && tick >= f.backAtTick && returned < MAX_RETURNS_PER_TICK) {
                returned++;
                comeBack(f, now);
            }
        }
        if (random.nextDouble() < DROP_CHANCE_PER_TICK) {
            List<Flaky> online = flaky.stream().filter(f -> f.online).toList();
            if (!online.isEmpty()) {
                drop(online.get(random.nextInt(online.size())), tick, now);
            }
        }
        Reveal next = reveals.poll();
        if (next != null) {
            reveal(next);
        }
        if (!steady.isEmpty() && random.nextDouble() < REPRICE_CHANCE_PER_TICK) {
            reprice(steady.get(random.nextInt(steady.size())));
        }
    }

    /**
     * An owner watching its machine: busy (some GPUs rented), it asks a little more; idle, a little less; within
     * 0.7..1.4 × the price it started at. The new terms go through {@link HostRegistry#listOffer}, with its checks.
     */
    private void reprice(Member m) {
        var host = index.snapshot().host(m.hostId());
        if (host.isEmpty() || host.get().offer().isEmpty()) {
            return;
        }
        OfferTerms start = m.host().offer();
        Money now = host.get().offer().get().onDemandPerGpuHour();
        boolean busy = host.get().freeGpuCount() < host.get().gpuCount();
        double step = 1 + (busy ? 1 : -1) * (0.03 + 0.05 * random.nextDouble());
        long lowest = Math.round(start.onDemandPerGpuHour().micros() * 0.7);
        long highest = Math.round(start.onDemandPerGpuHour().micros() * 1.4);
        long cents = Math.round(Math.clamp(now.micros() * step, lowest, highest) / 10_000.0);
        Money price = Money.ofMicros(Math.max(cents * 10_000, start.minimumBidPerGpuHour().micros()));
        try {
            registry.listOffer(DemoOrganisation.ID, m.hostId(), new OfferTerms(price, start.minimumBidPerGpuHour(),
                    start.storagePerGbMonth(), start.minGpusPerPod(), start.availableUntil()));
        } catch (ApiProblem conflict) {
            LOG.info("event=demo_reprice_skipped host={} why=\"{}\"", m.hostId(), conflict.getMessage());
        }
    }

    /** How many reveals (reports and challenges) are still to come; the tests wait for none. */
    int revealsLeft() {
        return reveals.size();
    }

    private void drop(Flaky f, long tick, Instant now) {
        String hostId = f.member.hostId();
        List<String> lost = pods.holdingGpus(hostId);
        try {
            registry.setStatus(hostId, HostStatus.OFFLINE); // the lifecycle marks its pods LOST
        } catch (ApiProblem conflict) {
            LOG.info("event=demo_host_drop_retry host={} why=\"{}\"", hostId, conflict.getMessage());
            return;
        }
        f.turn(now);
        f.backAtTick = tick + MIN_AWAY_TICKS + random.nextInt(MAX_AWAY_TICKS - MIN_AWAY_TICKS + 1);
        if (lost.isEmpty()) {
            registry.refreshReliability(hostId, f.observed(now));
        }
        for (String pod : lost) {
            registry.recordHostFailure(hostId, "SIMULATED: the host dropped off the network while pod " + pod
                    + " held its GPUs", f.observed(now));
        }
        LOG.info("event=demo_host_dropped host={} pods_lost={} back_at_tick={} simulated=true", hostId, lost.size(),
                f.backAtTick);
    }

    private void comeBack(Flaky f, Instant now) {
        String hostId = f.member.hostId();
        try {
            registry.setStatus(hostId, HostStatus.ONLINE);
        } catch (ApiProblem conflict) {
            LOG.info("event=demo_host_return_retry host={} why=\"{}\"", hostId, conflict.getMessage());
            return;
        }
        f.turn(now);
        registry.refreshReliability(hostId, f.observed(now));
        LOG.info("event=demo_host_back host={} simulated=true", hostId);
    }

    private void reveal(Reveal r) {
        String hostId = r.member().hostId();
        GpuSku sku = r.member().host().sku();
        int gpus = r.member().host().machine().gpus().size();
        try {
            switch (r.step()) {
                case THROTTLED_BENCHMARK -> {
                    // Thermal throttling: 45..60 % of what this GPU model measures when cool.
                    MeasuredFigures hot = sku.expectedBaseline().figures().scaledBy(0.45 + 0.15 * random.nextDouble());
                    for (int g = 0; g < gpus; g++) {
                        registry.recordBenchmark(hostId, g, facts(sku), hot, true);
                    }
                }
                case INFLATED_BENCHMARK -> {
                    MeasuredFigures claimed = sku.expectedBaseline().figures();
                    for (ScoreFigure figure : ScoreFigure.values()) {
                        claimed = claimed.with(figure, sku.ceiling(figure) * INFLATION);
                    }
                    for (int g = 0; g < gpus; g++) {
                        registry.recordBenchmark(hostId, g, facts(sku), claimed, true);
                    }
                }
                case GUESSED_CHALLENGE -> challenges.challenge(hostId, spec -> new SimulatedAnswer(
                        // Too slow to multiply in time on the GPU it really has, it commits to a guess, quickly.
                        HostSolver.commit(spec, new int[spec.n()][spec.n()]), Duration.ofMillis(40)));
                case HONEST_CHALLENGE -> challenges.challenge(hostId, spec -> new SimulatedAnswer(
                        HostSolver.solve(spec), Duration.ofMillis(200 + random.nextInt(300))));
            }
        } catch (ApiProblem problem) {
            // A host changed under the write (a pod placed): the step waits for the next tick.
            reveals.addFirst(r);
            LOG.info("event=demo_reveal_retry host={} step={} why=\"{}\"", hostId, r.step(), problem.getMessage());
        }
    }

    /** What NVML says of a GPU of this model: a simulated host's NVML agrees with the name it claims. */
    private static NvmlFacts facts(GpuSku sku) {
        return new NvmlFacts(sku.nvmlName(), sku.pciDeviceIds().getFirst(), sku.memoryMib(), sku.memoryBusWidthBits());
    }
}
