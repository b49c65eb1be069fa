package dev.assay.api.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.billing.AuditReport;
import dev.assay.api.billing.Ledger;
import dev.assay.api.billing.LedgerAudit;
import dev.assay.api.billing.UsageCharge;
import dev.assay.api.live.lease.FenceCheck;
import dev.assay.api.live.lease.JobFences;
import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.pods.PodLifecycle;
import dev.assay.api.pods.PodState;
import dev.assay.api.pods.RunningTimeSettlement;
import dev.assay.api.testing.MarketRows;
import dev.assay.api.testing.MovableMarketClock;
import dev.assay.api.testing.Race;
import dev.assay.pricing.FeeSplit;
import dev.assay.pricing.Money;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Metering against a real database: pods written by {@link PodRows}, a market clock the test moves, the real
 * ledger. Every test checks its own pods' charges to the micro-dollar and then the whole ledger with the
 * independent audit. Run on H2 ({@link MeteringH2Test}) and on PostgreSQL ({@link MeteringPostgresIntegrationTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MeteringContract {

    /** 2 GPUs at $0.40/GPU-h plus 50 GB at $0.10/GB-month (ceil(5,000,000 ÷ 730) = 6,850): $0.806850/h. */
    static final long GPU_PRICE = 400_000;
    static final long DISK_GB = 50;
    static final long STORAGE_PRICE = 100_000;
    static final long RATE_PER_HOUR = 806_850;
    static final int FEE_BPS = 1000;

    ApplicationContext context;
    Metering metering;
    PodMeter podMeter;
    Ledger ledger;
    LedgerAudit audit;
    MovableMarketClock clock;
    MeteringTestPodStopper stopper;
    MarketRows market;
    PodRows pods;
    DataSource dataSource;
    /** The token of the metering leader's lease; a test that plays a newer leader moves it up. */
    long leaderToken;

    abstract Map<String, Object> createDatabase() throws SQLException;

    abstract void dropDatabase() throws SQLException;

    @BeforeAll
    void start() throws SQLException {
        Map<String, Object> settings = new HashMap<>(createDatabase());
        settings.put("datasources.default.maximum-pool-size", 12);
        settings.put("micronaut.server.port", -1);
        settings.put("grpc.server.enabled", false);
        settings.put("metering-test.doubles", true);
        settings.put("test.movable-market-clock", true);
        settings.put("assay.metering.interval", "10s");
        context = ApplicationContext.run(settings, "test");
        metering = context.getBean(Metering.class);
        podMeter = context.getBean(PodMeter.class);
        ledger = context.getBean(Ledger.class);
        audit = context.getBean(LedgerAudit.class);
        clock = context.getBean(MovableMarketClock.class);
        stopper = context.getBean(MeteringTestPodStopper.class);
        assertThat(context.getBean(PodStopper.class)).as("the stopper metering is given").isSameAs(stopper);
        dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        market = new MarketRows(dataSource);
        pods = new PodRows(market);
        leaderToken = context.getBean(JobLeases.class).acquire(Metering.JOB).orElseThrow().fencingToken();
    }

    @AfterEach
    void putPodsAside() {
        pods.stopAll();
    }

    @AfterAll
    void stop() throws SQLException {
        if (context != null) {
            context.close();
        }
        dropDatabase();
    }

    @Test
    void aPodRunningExactlyNSecondsIsChargedItsRateTimesNToTheMicroDollar() {
        String renter = renter(Money.parse("100"));
        String hostOrg = market.hostOrganisation("host");
        String pod = onDemandPod(renter, host(hostOrg));
        Instant start = clock.now();

        clock.advance(Duration.ofSeconds(3601));
        MeteringPass pass = meterAll();

        // 806,850 × 3,601 ÷ 3,600 = 807,074.125: 807,074 charged, 0.125 micro-dollar carried.
        long gross = 807_074;
        long fee = FeeSplit.of(Money.ofMicros(gross), FEE_BPS).platformFee().micros();
        assertThat(fee).isEqualTo(80_707);
        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(gross);
        assertThat(charged(pod, "FEE")).isEqualTo(fee);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(100_000_000 - gross));
        assertThat(ledger.balance(hostOrg).hostPayable()).isEqualTo(Money.ofMicros(gross - fee));
        assertThat(billedUntil(pod)).isEqualTo(start.plusSeconds(3601));
        assertThat(meterRemainder(pod)).as("0.125 micro-dollar in units of 1/3.6e12").isEqualTo(450_000_000_000L);
        assertThat(pass.podsMetered()).isGreaterThanOrEqualTo(1);
        assertSound();
    }

    @Test
    void thirtySixHundredOneSecondTicksChargeExactlyWhatOneHourLongTickCharges() {
        String renter = renter(Money.parse("100"));
        String hostId = host(market.hostOrganisation("host"));
        // $1.000001/GPU-h: 277.77805… micro-dollars a second, so every tick carries a fraction.
        String ticked = pods.runningOnDemand(renter, hostId, 1, 1_000_001, 0, 0, clock.now());
        String once = pods.runningOnDemand(renter, hostId, 1, 1_000_001, 0, 0, clock.now());
        Instant start = clock.now();

        for (int second = 1; second <= 3600; second++) {
            podMeter.meter(ticked, start.plusSeconds(second));
        }
        podMeter.meter(once, start.plusSeconds(3600));

        assertThat(charged(ticked, "USAGE") + charged(ticked, "FEE")).isEqualTo(1_000_001);
        assertThat(charged(once, "USAGE") + charged(once, "FEE")).isEqualTo(1_000_001);
        assertThat(meterRemainder(ticked)).isZero();
        assertThat(transfers(ticked)).as("a usage and a fee transfer per second").isEqualTo(7200);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(100_000_000 - 2 * 1_000_001));
        assertSound();
    }

    @Test
    void meteringTwiceAtTheSameInstantChargesNothingTheSecondTime() {
        String renter = renter(Money.parse("100"));
        String pod = onDemandPod(renter, host(market.hostOrganisation("host")));
        clock.advance(Duration.ofSeconds(61));
        meterAll();
        long charged = charged(pod, "USAGE") + charged(pod, "FEE");
        Instant cursor = billedUntil(pod);
        long remainder = meterRemainder(pod);

        meterAll();

        assertThat(charged).isEqualTo(13_671); // floor(806,850 × 61 ÷ 3,600) = floor(13,671.625)
        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(charged);
        assertThat(transfers(pod)).isEqualTo(2);
        assertThat(billedUntil(pod)).isEqualTo(cursor);
        assertThat(meterRemainder(pod)).isEqualTo(remainder);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(100_000_000 - charged));
        assertSound();
    }

    @Test
    void passesAndSettlementsRacingOnOnePodChargeItOnce() throws Exception {
        String renter = renter(Money.parse("100"));
        String pod = onDemandPod(renter, host(market.hostOrganisation("host")));
        clock.advance(Duration.ofSeconds(90));
        Instant now = clock.now();
        RunningTimeSettlement settlement = context.getBean(RunningTimeSettlement.class);

        List<Object> results = Race.run(8, i -> i % 2 == 0
                ? () -> meterAll()
                : () -> {
                    settlement.settle(pod, now);
                    return "settled";
                });

        assertThat(results).hasSize(8);
        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(20_171); // floor(806,850 × 90 ÷ 3,600)
        assertThat(transfers(pod)).as("one usage and one fee transfer").isEqualTo(2);
        assertThat(billedUntil(pod)).isEqualTo(now);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(100_000_000 - 20_171));
        assertSound();
    }

    /**
     * The load test's lock-up (docs/benchmarks.md, issue [7]): a pod change on a host charges every running
     * interruptible pod there in one transaction, so it takes several renters' balances, the host payable and
     * platform revenue. Hosts of one organisation share the payable, renters have pods on several hosts, and
     * metering passes charge the same pods: none of these may wait on another in a cycle.
     */
    @Test
    void podChangesOnHostsOfOneOrganisationSettlingManyRentersAtOnceNeverDeadlock() throws Exception {
        PodLifecycle lifecycle = context.getBean(PodLifecycle.class);
        String hostOrg = market.hostOrganisation("fleet");
        List<String> renters = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            renters.add(renter(Money.parse("100")));
        }
        for (int round = 0; round < 3; round++) {
            Instant start = clock.now();
            List<String> targets = new ArrayList<>();
            List<String> running = new ArrayList<>();
            for (int h = 0; h < 6; h++) {
                String hostId = host(hostOrg);
                for (String renter : renters) {
                    running.add(pods.interruptible(renter, hostId, "RUNNING", 1, 300_000, 0, 0, start));
                }
                targets.add(running.getLast());
            }
            clock.advance(Duration.ofSeconds(90));
            Instant now = clock.now();

            List<Object> results = Race.run(targets.size() + 1, i -> i == targets.size()
                    ? () -> meterAll()
                    : () -> {
                        lifecycle.reportState(targets.get(i), PodState.EXITED, "the container exited");
                        return "reported";
                    });

            assertThat(results).hasSize(targets.size() + 1);
            for (String pod : running) {
                assertThat(chargedSeconds(pod)).as("pod %s charged each second once", pod).isEqualTo(90);
                if (!targets.contains(pod)) {
                    assertThat(billedUntil(pod)).isEqualTo(now);
                }
            }
            assertSound();
            pods.stopAll();
        }
    }

    @Test
    void aSettlementThenAPassChargeEachSecondOnce() {
        String renter = renter(Money.parse("100"));
        String pod = onDemandPod(renter, host(market.hostOrganisation("host")));
        Instant start = clock.now();
        RunningTimeSettlement settlement = context.getBean(RunningTimeSettlement.class);

        clock.advance(Duration.ofSeconds(45));
        settlement.settle(pod, clock.now());
        clock.advance(Duration.ofSeconds(15));
        meterAll();
        settlement.settle(pod, start.plusSeconds(30));
        meterAll();

        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(13_447); // floor(806,850 × 60 ÷ 3,600)
        assertThat(transfers(pod)).as("[0, 45 s) and [45 s, 60 s), each usage and fee").isEqualTo(4);
        assertThat(billedUntil(pod)).isEqualTo(start.plusSeconds(60));
        assertSound();
    }

    @Test
    void aSettlementCommitsAndRollsBackWithTheTransitionThatAskedForIt() {
        String renter = renter(Money.parse("100"));
        String refused = onDemandPod(renter, host(market.hostOrganisation("host")));
        String stopped = onDemandPod(renter, host(market.hostOrganisation("host")));
        Instant start = clock.now();
        TransitionDouble lifecycle = context.getBean(TransitionDouble.class);
        clock.advance(Duration.ofSeconds(20));

        assertThatThrownBy(() -> lifecycle.settleThenFail(refused, clock.now()))
                .isInstanceOf(TransitionDouble.TransitionRefused.class);
        lifecycle.leaveRunning(stopped, "STOPPED", clock.now());
        clock.advance(Duration.ofSeconds(40));
        meterAll();

        assertThat(charged(refused, "USAGE") + charged(refused, "FEE"))
                .as("the rolled-back settlement charged nothing; the pass charged all 60 s")
                .isEqualTo(13_447);
        assertThat(billedUntil(refused)).isEqualTo(start.plusSeconds(60));
        assertThat(charged(stopped, "USAGE") + charged(stopped, "FEE"))
                .as("20 s settled as it stopped, nothing after")
                .isEqualTo(4_482); // floor(806,850 × 20 ÷ 3,600) = floor(4,482.5)
        assertSound();
    }

    @Test
    void secondsTheLedgerAlreadyChargedAreSkippedNeverChargedAgain() {
        String renter = renter(Money.parse("100"));
        String hostOrg = market.hostOrganisation("host");
        String pod = onDemandPod(renter, host(hostOrg));
        Instant start = clock.now();
        // As if an instance whose clock lags had written the cursor back over a charged [0, 30 s).
        ledger.chargeUsage(new UsageCharge(pod, renter, hostOrg, start, start.plusSeconds(30), Money.ofMicros(5_000),
                FEE_BPS));

        clock.advance(Duration.ofSeconds(60));
        meterAll();

        assertThat(charged(pod, "USAGE") + charged(pod, "FEE"))
                .as("the 5,000 charged before, then [30 s, 60 s): floor(806,850 × 30 ÷ 3,600)")
                .isEqualTo(5_000 + 6_723);
        assertThat(billedUntil(pod)).isEqualTo(start.plusSeconds(60));
        assertSound();
    }

    @Test
    void aGapLongerThanOneChargeIsChargedAsSeveralPeriodsWithoutLosingAMicroDollar() {
        String renter = renter(Money.parse("100"));
        String pod = onDemandPod(renter, host(market.hostOrganisation("host")));

        clock.advance(Duration.ofHours(60));
        meterAll();

        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(60 * RATE_PER_HOUR);
        assertThat(transfers(pod)).as("[0, 24 h), [24 h, 48 h), [48 h, 60 h)").isEqualTo(6);
        assertSound();
    }

    @Test
    void anInterruptiblePodPaysItsHostsClearingPriceCappedAtItsBidAndRepricedEachPass() {
        String renter = renter(Money.parse("100"));
        String hostOrg = market.hostOrganisation("host");
        String hostId = host(hostOrg); // minimum bid $0.20/GPU-h
        Instant now = clock.now();
        String high = pods.interruptible(renter, hostId, "RUNNING", 1, 900_000, 0, 0, now);
        String capped = pods.interruptible(renter, hostId, "RUNNING", 1, 600_000, 0, 0, now);
        String pending = pods.interruptible(renter, hostId, "PENDING", 1, 500_000, 0, 0, now);
        String preempted = pods.interruptible(renter, hostId, "PREEMPTED", 1, 650_000, 0, 0, now);
        pods.interruptible(renter, hostId, "STOPPED", 1, 950_000, 0, 0, now); // not waiting: no competition

        clock.advance(Duration.ofHours(1));
        meterAll(); // highest waiting bid: the preempted pod's $0.65
        pods.setState(preempted, "TERMINATED");
        clock.advance(Duration.ofHours(1));
        meterAll(); // the pending pod's $0.50
        pods.setState(pending, "TERMINATED");
        clock.advance(Duration.ofHours(1));
        meterAll(); // nobody waits: the host's minimum bid, $0.20

        assertThat(charged(high, "USAGE") + charged(high, "FEE")).isEqualTo(650_000 + 500_000 + 200_000);
        assertThat(charged(capped, "USAGE") + charged(capped, "FEE")).isEqualTo(600_000 + 500_000 + 200_000);
        assertSound();
    }

    @Test
    void anInterruptiblePodNeverPaysLessThanTheHostsMinimumBid() {
        String renter = renter(Money.parse("100"));
        var spec = market.host(market.hostOrganisation("host"));
        spec.minBidMicros = 700_000;
        String hostId = spec.insert();
        String running = pods.interruptible(renter, hostId, "RUNNING", 2, 900_000, 10, 73_000, clock.now());
        pods.interruptible(renter, hostId, "PENDING", 1, 300_000, 0, 0, clock.now());

        clock.advance(Duration.ofHours(2));
        meterAll();

        // 2 GPUs at $0.70 plus 10 GB at $0.073/GB-month (ceil(730,000 ÷ 730) = 1,000/h), for 2 hours.
        assertThat(charged(running, "USAGE") + charged(running, "FEE")).isEqualTo(2 * (2 * 700_000 + 1_000));
        assertSound();
    }

    @Test
    void timeOutsideRunningIsNeverCharged() {
        String renter = renter(Money.parse("100"));
        String hostId = host(market.hostOrganisation("host"));
        String lost = onDemandPod(renter, hostId);
        String starting = pods.interruptible(renter, hostId, "STARTING", 1, 900_000, 0, 0, clock.now());

        clock.advance(Duration.ofSeconds(100));
        meterAll();
        pods.setState(lost, "LOST");
        clock.advance(Duration.ofHours(5));
        meterAll();

        assertThat(charged(lost, "USAGE") + charged(lost, "FEE")).isEqualTo(22_412); // floor(806,850 × 100 ÷ 3,600)
        assertThat(transfers(starting)).isZero();
        assertSound();
    }

    @Test
    void theGuardStopsAPodWhoseRenterCannotPayForTheNextInterval() {
        // The next 10 s of one pod cost at most ceil(806,850 × 10 ÷ 3,600) = 2,242 micro-dollars.
        String renter = renter(Money.ofMicros(10_000));
        String rich = renter(Money.parse("100"));
        String hostId = host(market.hostOrganisation("host"));
        String poor = onDemandPod(renter, hostId);
        String funded = onDemandPod(rich, hostId);

        clock.advance(Duration.ofSeconds(30));
        MeteringPass first = meterAll(); // 6,723 charged: 3,277 left, enough for 10 s
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(3_277));
        assertThat(first.stoppedForBalance()).doesNotContain(poor, funded);
        assertThat(stopper.asked(poor)).isFalse();

        clock.advance(Duration.ofSeconds(5));
        MeteringPass second = meterAll(); // 1,121 more: 2,156 left, less than 2,242

        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(2_156));
        assertThat(second.stoppedForBalance()).contains(poor).doesNotContain(funded);
        assertThat(stopper.asked(poor)).isTrue();
        assertThat(stopper.asked(funded)).isFalse();
        assertSound();
    }

    @Test
    void theGuardWeighsARentersWholeBurnAndAPeriodTheBalanceCannotPayIsNeverCharged() {
        String twoPods = renter(Money.ofMicros(3_000));
        String broke = renter(Money.ofMicros(1_000));
        String hostId = host(market.hostOrganisation("host"));
        String a = onDemandPod(twoPods, hostId);
        String b = onDemandPod(twoPods, hostId);
        String unpaid = onDemandPod(broke, hostId);
        Instant start = clock.now();

        clock.advance(Duration.ofSeconds(1));
        MeteringPass first = meterAll();
        // 224 each: 2,552 left. Either pod alone needs 2,242 for the next 10 s; both need 4,483.
        assertThat(ledger.balance(twoPods).available()).isEqualTo(Money.ofMicros(2_552));
        assertThat(first.stoppedForBalance()).contains(a, b);
        // The broke renter pays its first second (224 of 1,000) but not the next 10 s (2,242).
        assertThat(first.stoppedForBalance()).contains(unpaid);

        clock.advance(Duration.ofSeconds(10));
        MeteringPass second = meterAll(); // 2,241 more for the broke renter's pod: refused

        assertThat(second.podsUnfunded()).isGreaterThanOrEqualTo(1);
        assertThat(ledger.balance(broke).available()).isEqualTo(Money.ofMicros(1_000 - 224));
        assertThat(billedUntil(unpaid)).as("the cursor stays where the money ran out").isEqualTo(start.plusSeconds(1));
        assertSound();
    }

    @Test
    void aStalledFormerLeadersPassAfterANewerLeaderCommittedChargesNothingAndGuardsNothing() {
        String renter = renter(Money.ofMicros(12_000));
        String pod = onDemandPod(renter, host(market.hostOrganisation("host")));
        Instant start = clock.now();
        long formerLeader = leaderToken;
        long newerLeader = leaderToken + 1;
        clock.advance(Duration.ofSeconds(30));
        MeteringPass newer = metering.meterAll(newerLeader);
        leaderToken = newerLeader;
        assertThat(newer.superseded()).isFalse();
        assertThat(stopper.asked(pod)).as("30 s cost 6,723: 5,277 left covers the next 10 s (2,242)").isFalse();

        clock.advance(Duration.ofSeconds(15));
        MeteringPass stale = metering.meterAll(formerLeader);

        assertThat(stale.superseded()).isTrue();
        assertThat(stale.charged()).isEqualTo(Money.ZERO);
        assertThat(stale.podsMetered()).isZero();
        assertThat(stale.stoppedForBalance()).isEmpty();
        assertThat(stopper.asked(pod)).as("a superseded pass leaves the guard to the new leader").isFalse();
        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(6_723); // floor(806,850 × 30 ÷ 3,600)
        assertThat(transfers(pod)).isEqualTo(2);
        assertThat(billedUntil(pod)).isEqualTo(start.plusSeconds(30));
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ofMicros(12_000 - 6_723));

        MeteringPass next = meterAll(); // the newer leader goes on: [30 s, 45 s), then its guard stops the pod
        assertThat(next.superseded()).isFalse();
        assertThat(charged(pod, "USAGE") + charged(pod, "FEE")).isEqualTo(10_085); // floor(806,850 × 45 ÷ 3,600)
        assertThat(next.stoppedForBalance()).as("1,915 left, less than 2,242").contains(pod);
        assertSound();
    }

    @Test
    void theSameLeaderMayWriteAgainWithItsTokenAndAnOlderOneIsRefusedUntilTheEnd() {
        JobFences fences = context.getBean(JobFences.class);

        assertThat(fences.claim(Metering.JOB, leaderToken)).isEqualTo(FenceCheck.ADMITTED);
        assertThat(fences.claim(Metering.JOB, leaderToken)).isEqualTo(FenceCheck.ADMITTED);
        assertThat(fences.claim(Metering.JOB, leaderToken - 1)).isEqualTo(FenceCheck.SUPERSEDED);
        assertThat(fenceToken(Metering.JOB)).isEqualTo(leaderToken);
    }

    @Test
    void aJobWithoutASeededFenceGetsOneOnFirstUse() throws Exception {
        JobFences fences = context.getBean(JobFences.class);
        String job = "fence-test-" + Long.toString(System.nanoTime() % 1_000_000, 36);

        // Four first uses at once: one inserts the row, the others lose that race harmlessly.
        List<Object> answers = Race.run(4, i -> () -> fences.claim(job, 10 + i));

        assertThat(answers.get(3)).as("the newest token is never refused").isEqualTo(FenceCheck.ADMITTED);
        assertThat(fenceToken(job)).isEqualTo(13);
        assertThat(fences.claim(job, 13)).isEqualTo(FenceCheck.ADMITTED);
        assertThat(fences.claim(job, 12)).isEqualTo(FenceCheck.SUPERSEDED);
        assertThat(fenceToken(job)).isEqualTo(13);
    }

    // ----------------------------------------------------------------------------------------------------------

    /** A pass of the metering leader, as the schedule runs it. */
    private MeteringPass meterAll() {
        return metering.meterAll(leaderToken);
    }

    private long fenceToken(String job) {
        return queryLong("SELECT token FROM job_fences WHERE job = ?", job);
    }

    private String renter(Money credit) {
        String org = market.hostOrganisation("renter");
        ledger.credit(org, credit, "seed-" + org);
        return org;
    }

    private String host(String hostOrg) {
        return market.host(hostOrg).insert();
    }

    private String onDemandPod(String renter, String hostId) {
        return pods.runningOnDemand(renter, hostId, 2, GPU_PRICE, DISK_GB, STORAGE_PRICE, clock.now());
    }

    private long charged(String podId, String kind) {
        return queryLong("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger_transfers WHERE pod_id = ?"
                + " AND transfer_kind = ?", podId, kind);
    }

    /** The seconds of the pod's usage transfers; overlapping periods would count twice. */
    private long chargedSeconds(String podId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT period_from, period_to FROM ledger_transfers WHERE pod_id = ? AND transfer_kind = 'USAGE'")) {
            s.setString(1, podId);
            long seconds = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    seconds += Duration.between(r.getObject(1, OffsetDateTime.class), r.getObject(2, OffsetDateTime.class))
                            .toSeconds();
                }
            }
            return seconds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long transfers(String podId) {
        return queryLong("SELECT COUNT(*) FROM ledger_transfers WHERE pod_id = ?", podId);
    }

    private long meterRemainder(String podId) {
        return queryLong("SELECT meter_remainder FROM pods WHERE id = ?", podId);
    }

    private Instant billedUntil(String podId) {
        return query("SELECT billed_until FROM pods WHERE id = ?", r -> r.getObject(1, OffsetDateTime.class).toInstant(),
                podId);
    }

    private void assertSound() {
        AuditReport report = audit.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.sound()).isTrue();
        assertThat(report.sumOfBalances()).isEqualTo(Money.ZERO);
    }

    private long queryLong(String sql, Object... args) {
        return query(sql, r -> r.getLong(1), args);
    }

    private interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> T query(String sql, Column<T> column, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("a row for " + sql).isTrue();
                return column.read(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
