package dev.assay.api.metering;

import dev.assay.api.billing.ChargeOutcome;
import dev.assay.api.billing.Ledger;
import dev.assay.api.billing.MeteredPeriod;
import dev.assay.api.billing.Transfer;
import dev.assay.api.billing.UsageCharge;
import dev.assay.api.live.lease.FenceCheck;
import dev.assay.api.live.lease.JobFences;
import dev.assay.api.pods.RunningTimeSettlement;
import dev.assay.pricing.HourlyRate;
import dev.assay.pricing.MeterState;
import dev.assay.pricing.Money;
import dev.assay.pricing.UsageMeter;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges one RUNNING pod for {@code [billed_until, until)}: the one code path behind both the metering pass
 * ({@link Metering#meterAll()}, a transaction per pod) and {@link RunningTimeSettlement#settle} (the pod
 * lifecycle's transaction, as the pod leaves RUNNING).
 *
 * <p>In one transaction: lock the pod row; price it now ({@link PodRate}); tick a {@link UsageMeter} resumed
 * from the stored carry over the gap, cut into periods of at most {@link UsageCharge#MAX_PERIOD}; post each
 * period's charge to the ledger; move the cursor and the carry with
 * {@code UPDATE … WHERE id = ? AND billed_until = ?}. The row lock makes a second meter wait and then find
 * the cursor already moved; the conditional update is the last line should a lock not hold (it rolls the
 * charges back, and the ledger never keeps a period without its cursor).
 *
 * <p>A pass's transactions are fenced besides ({@link #meterAsLeader}): the metering leader's token goes into
 * {@code job_fences} first, so a former leader that stalled past its lease writes nothing once a newer one has.
 * A settlement is not fenced: it is the pod lifecycle's own transaction, not a job's.
 */
@Singleton
class PodMeter implements RunningTimeSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(PodMeter.class);

    private final PodMeterRows rows;
    private final Ledger ledger;
    private final PlatformFee fee;
    private final JobFences fences;

    PodMeter(PodMeterRows rows, Ledger ledger, PlatformFee fee, JobFences fences) {
        this.rows = rows;
        this.ledger = ledger;
        this.fee = fee;
        this.fences = fences;
    }

    /**
     * Charges the pod's running time up to {@code until} in the caller's transaction (or a new one). A pod
     * not RUNNING, or already charged up to {@code until}, is left as it is.
     *
     * @throws OptimisticLockException if the pod's cursor moved under this transaction (mapped to 409)
     */
    @Override
    @Transactional
    public void settle(String podId, Instant until) {
        meter(podId, until);
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lockAccountsFor(Collection<String> podIds) {
        Set<String> renters = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (String podId : podIds) {
            rows.readRunning(podId).ifPresent(pod -> {
                renters.add(pod.renterOrgId());
                hosts.add(pod.hostOrgId());
            });
        }
        ledger.lockForCharges(renters, hosts);
    }

    /**
     * As {@link #meter}, in a new transaction fenced by the metering leader's token: the fence first (its row
     * stays locked until this commits), then the charge. Nothing is written when a newer leader has written.
     *
     * @throws OptimisticLockException if the pod's cursor moved under this transaction; nothing is written
     */
    @Transactional
    public PodMetering meterAsLeader(String podId, Instant until, long fencingToken) {
        if (fences.enter(Metering.JOB, fencingToken) == FenceCheck.SUPERSEDED) {
            return new PodMetering.Superseded(podId, fencingToken);
        }
        return meter(podId, until);
    }

    /**
     * Charges {@code [billed_until, until)} of a RUNNING pod, in the caller's transaction or a new one.
     *
     * @throws OptimisticLockException if the pod's cursor moved under this transaction; nothing is written
     */
    @Transactional
    public PodMetering meter(String podId, Instant until) {
        Instant end = until.truncatedTo(ChronoUnit.MICROS);
        Optional<MeteredPod> locked = rows.lockRunning(podId);
        if (locked.isEmpty()) {
            return new PodMetering.NotRunning(podId);
        }
        MeteredPod pod = locked.get();
        HourlyRate rate = PodRate.of(pod, pod.interruptible() ? rows.highestWaitingBid(pod.hostId()) : Optional.empty());
        if (!end.isAfter(pod.billedUntil())) {
            return new PodMetering.Metered(podId, pod.renterOrgId(), rate, Money.ZERO, pod.billedUntil());
        }
        int feeBasisPoints = fee.basisPoints();
        UsageMeter meter = UsageMeter.resume(rate, new MeterState(pod.meterRemainder(), Duration.ZERO, Money.ZERO));
        Instant from = pod.billedUntil();
        Money charged = Money.ZERO;
        while (from.isBefore(end)) {
            Instant to = min(from.plus(UsageCharge.MAX_PERIOD), end);
            UsageMeter.Tick tick = meter.tick(Duration.between(from, to));
            if (tick.charge().isPositive()) {
                ChargeOutcome outcome = ledger.chargeUsage(new UsageCharge(podId, pod.renterOrgId(), pod.hostOrgId(),
                        from, to, tick.charge(), feeBasisPoints));
                switch (outcome) {
                    case ChargeOutcome.Charged c -> charged = charged.plus(tick.charge());
                    case ChargeOutcome.AlreadyCharged c -> LOG.warn(
                            "event=metering_period_already_charged pod={} from={} to={}", podId, from, to);
                    case ChargeOutcome.InsufficientBalance c -> {
                        advance(pod, from, meter);
                        return new PodMetering.Unfunded(podId, pod.renterOrgId(), rate, charged, from,
                                c.available(), c.needed());
                    }
                    case ChargeOutcome.PeriodConflict c -> {
                        // The ledger holds other charges of this pod in [from, to): their seconds were paid
                        // for (a cursor written back by an instance whose clock lags). Never bill a second
                        // twice: skip to the end of what is charged and meter on from there.
                        Instant chargedTo = c.existing().stream().map(Transfer::period).flatMap(Optional::stream)
                                .map(MeteredPeriod::to).max(Instant::compareTo).orElseThrow();
                        if (!chargedTo.isAfter(from)) {
                            throw new IllegalStateException("the ledger answered a period conflict for pod " + podId
                                    + " at " + from + " with no charge overlapping it");
                        }
                        LOG.warn("event=metering_skipped_charged_seconds pod={} from={} to={}", podId, from, chargedTo);
                        from = min(chargedTo, end);
                        continue;
                    }
                }
            }
            meter = tick.meter();
            from = to;
        }
        advance(pod, from, meter);
        return new PodMetering.Metered(podId, pod.renterOrgId(), rate, charged, from);
    }

    private void advance(MeteredPod pod, Instant until, UsageMeter meter) {
        if (until.equals(pod.billedUntil())) {
            return;
        }
        if (!rows.advance(pod.id(), pod.billedUntil(), until, meter.state().carriedRemainder())) {
            throw new OptimisticLockException("pod " + pod.id() + " was metered or changed concurrently");
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
