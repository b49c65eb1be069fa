package dev.assay.api.metering;

import dev.assay.api.billing.BalanceGuard;
import dev.assay.api.billing.GuardDecision;
import dev.assay.api.billing.Ledger;
import dev.assay.api.market.MarketClock;
import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.Money;
import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering pass: charges every RUNNING pod per second up to now, then asks the {@link BalanceGuard}, per
 * renter, whether its balance covers the next interval, and stops the pods of a renter it does not cover.
 *
 * <p>Only the metering leader runs passes ({@link MeteringSchedule} asks for the {@value #JOB} lease), and each
 * pod's transaction is fenced with the leader's token: a pass whose token a newer leader has overtaken stops at
 * the first pod, writing nothing more, and leaves the balance guard to the new leader.
 *
 * <p>Thread-safe, and safe to run on several instances at once all the same: each pod is charged in its own
 * transaction under its row lock, and a pod two passes race on is charged once (see {@link PodMeter}). A pod
 * whose metering fails is logged and left to the next pass; it never stops the pass.
 */
@Singleton
public class Metering {

    /** The job's name for leases and fences ({@code job_fences.job}). */
    public static final String JOB = "metering";

    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final PodMeterRows rows;
    private final PodMeter meter;
    private final Ledger ledger;
    private final BalanceGuard guard;
    private final PodStopper stopper;
    private final MarketClock clock;

    Metering(PodMeterRows rows, PodMeter meter, Ledger ledger, BalanceGuard guard, PodStopper stopper,
            MarketClock clock) {
        this.rows = rows;
        this.meter = meter;
        this.ledger = ledger;
        this.guard = guard;
        this.stopper = stopper;
        this.clock = clock;
    }

    /**
     * Meters every RUNNING pod up to the market clock's now, then runs the balance guard for each renter.
     *
     * @param fencingToken the token of this instance's {@value #JOB} lease; a pass whose token a newer leader
     *                     has overtaken stops at the first pod the fence refuses, charges nothing more, and
     *                     answers {@link MeteringPass#superseded()}
     */
    public MeteringPass meterAll(long fencingToken) {
        Instant now = clock.now();
        Map<String, List<PodMetering>> byRenter = new LinkedHashMap<>();
        int metered = 0;
        int unfunded = 0;
        int racesLost = 0;
        int failed = 0;
        boolean superseded = false;
        Money charged = Money.ZERO;
        String after = "";
        pages:
        for (List<PodMeterRows.RunningPod> page = rows.runningPods(after); !page.isEmpty();
                page = rows.runningPods(after)) {
            for (PodMeterRows.RunningPod pod : page) {
                PodMetering outcome = meterOne(pod.podId(), now, fencingToken);
                switch (outcome) {
                    case PodMetering.Superseded s -> {
                        superseded = true;
                        break pages;
                    }
                    case PodMetering.Metered m -> {
                        metered++;
                        charged = charged.plus(m.charged());
                    }
                    case PodMetering.Unfunded u -> {
                        unfunded++;
                        charged = charged.plus(u.charged());
                    }
                    case PodMetering.LostRace r -> racesLost++;
                    case PodMetering.Failed f -> failed++;
                    case PodMetering.NotRunning n -> {
                    }
                }
                byRenter.computeIfAbsent(pod.renterOrgId(), k -> new ArrayList<>()).add(outcome);
            }
            after = page.getLast().podId();
        }
        if (superseded) {
            // A newer leader meters (and guards) from here on; this pass's charges so far stand.
            LOG.warn("event=metering_pass_superseded until={} token={} pods_metered={} charged={}", now, fencingToken,
                    metered, charged);
            return new MeteringPass(now, metered, unfunded, racesLost, failed, charged, List.of(), true);
        }
        List<String> stopped = new ArrayList<>();
        byRenter.forEach((renter, outcomes) -> stopped.addAll(guard(renter, outcomes)));
        if (byRenter.isEmpty()) {
            LOG.debug("event=metering_pass until={} pods_metered=0", now);
        } else {
            LOG.info("event=metering_pass until={} pods_metered={} pods_unfunded={} races_lost={} failed={} charged={}"
                    + " stopped={}", now, metered, unfunded, racesLost, failed, charged, stopped.size());
        }
        return new MeteringPass(now, metered, unfunded, racesLost, failed, charged, stopped, false);
    }

    private PodMetering meterOne(String podId, Instant now, long fencingToken) {
        try {
            return meter.meterAsLeader(podId, now, fencingToken);
        } catch (OptimisticLockException e) {
            LOG.info("event=metering_race_lost pod={}", podId);
            return new PodMetering.LostRace(podId);
        } catch (RuntimeException e) {
            // Left to the next pass (its cursor did not move, so no second is lost); the others go on.
            LOG.error("event=metering_failed pod={}", podId, e);
            return new PodMetering.Failed(podId, e.getClass().getSimpleName());
        }
    }

    /**
     * Asks the guard with the renter's whole burn (every pod metered in this pass); stops all of them when the
     * balance would not cover the next interval. Answers the pods it asked the lifecycle to stop.
     */
    private List<String> guard(String renterOrgId, List<PodMetering> outcomes) {
        HourlyRate burn = HourlyRate.FREE;
        List<String> burning = new ArrayList<>();
        for (PodMetering outcome : outcomes) {
            switch (outcome) {
                case PodMetering.Metered m -> {
                    burn = burn.plus(m.rate());
                    burning.add(m.podId());
                }
                case PodMetering.Unfunded u -> {
                    burn = burn.plus(u.rate());
                    burning.add(u.podId());
                }
                case PodMetering.LostRace r -> {
                }
                case PodMetering.Failed f -> {
                }
                case PodMetering.NotRunning n -> {
                }
                case PodMetering.Superseded s -> {
                }
            }
        }
        if (burning.isEmpty()) {
            return List.of();
        }
        Money balance = ledger.balance(renterOrgId).available();
        if (!(guard.assess(balance, burn) instanceof GuardDecision.StopNow stop)) {
            return List.of();
        }
        String reason = "balance " + balance.toDollarString() + " does not cover the next "
                + guard.meteringInterval().toSeconds() + " s of running pods (" + stop.neededForNextInterval()
                .toDollarString() + " at " + burn + "); add credit to start them again";
        List<String> stopped = new ArrayList<>();
        for (String podId : burning) {
            try {
                stopper.stopForBalance(podId, reason);
                stopped.add(podId);
                LOG.info("event=pod_stopped_for_balance pod={} org={} balance={} needed={} burn={}", podId,
                        renterOrgId, balance, stop.neededForNextInterval(), burn);
            } catch (RuntimeException e) {
                LOG.error("event=pod_stop_for_balance_failed pod={} org={}", podId, renterOrgId, e);
            }
        }
        return stopped;
    }
}
