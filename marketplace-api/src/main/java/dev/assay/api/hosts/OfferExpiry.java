package dev.assay.api.hosts;

import dev.assay.api.live.lease.FenceCheck;
import dev.assay.api.live.lease.JobFences;
import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.live.lease.Lease;
import dev.assay.api.market.MarketClock;
import dev.assay.api.market.MarketIndex;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes offers out of the market index when their {@code available_until} passes. Nothing writes the host row
 * at that instant, so no writer refreshes the index; this sweep refreshes the hosts whose offer expired since
 * the last sweep (the index loader leaves an expired offer out). Between two sweeps placement still rejects
 * nothing it should not: an expired offer's host is re-read at the next refresh, at most one sweep later.
 *
 * <p>One instance sweeps: the one holding the {@value #JOB} lease, fenced with its token like metering (the sweep
 * writes nothing in the database, so the fence is its own short transaction before the refresh; a refresh is
 * idempotent, so a stalled former leader refreshing once more does no harm, and after that it is refused). The
 * other instances' indexes learn of the refreshed hosts from the market's change feed ({@link MarketIndex#refresh}
 * announces them), or at their next full reload if an announcement is lost. A new leader sweeps from its own start
 * (or its last sweep), so no expiry falls between two leaders.
 */
@Singleton
public class OfferExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(OfferExpiry.class);
    /** The job's name for leases and fences ({@code job_fences.job}). */
    public static final String JOB = "offer-expiry";
    /** Bound on the hosts refreshed by one sweep; the rest wait for the next one. */
    static final int MAX_PER_SWEEP = 1_000;

    private final HostReads reads;
    private final MarketIndex index;
    private final MarketClock clock;
    private final JobLeases leases;
    private final JobFences fences;
    private final AtomicReference<Instant> sweptUpTo;

    OfferExpiry(HostReads reads, MarketIndex index, MarketClock clock, JobLeases leases, JobFences fences) {
        this.reads = reads;
        this.index = index;
        this.clock = clock;
        this.leases = leases;
        this.fences = fences;
        // The index loaded at start already leaves out offers expired before then.
        this.sweptUpTo = new AtomicReference<>(clock.now());
    }

    /**
     * On the instance that leads {@value #JOB} (acquiring or renewing its lease), refreshes the hosts whose offers
     * expired since the last sweep; returns how many (0 on an instance that does not lead).
     */
    @Scheduled(fixedDelay = "${assay.market.expiry-sweep:15s}", initialDelay = "${assay.market.expiry-sweep:15s}")
    public int sweep() {
        Optional<Lease> lease = leases.acquire(JOB);
        if (lease.isEmpty()) {
            LOG.debug("event=offer_expiry_skipped reason=not_leader");
            return 0;
        }
        return sweep(lease.get().fencingToken());
    }

    /**
     * Refreshes the hosts whose offers expired since the last sweep, if {@code fencingToken} is still the newest
     * of the {@value #JOB} job; returns how many (0 when a newer leader has swept).
     */
    public synchronized int sweep(long fencingToken) {
        if (fences.claim(JOB, fencingToken) == FenceCheck.SUPERSEDED) {
            return 0;
        }
        Instant from = sweptUpTo.get();
        Instant to = clock.now();
        List<HostReads.Expiry> expired = reads.expiredBetween(from, to, MAX_PER_SWEEP);
        if (!expired.isEmpty()) {
            index.refresh(expired.stream().map(HostReads.Expiry::hostId).toList());
            LOG.info("event=offers_expired hosts={}", expired.size());
        }
        // A full batch: the next sweep goes on from the last expiry it refreshed (a host expiring at that
        // same instant may be refreshed twice, which is harmless).
        sweptUpTo.set(expired.size() < MAX_PER_SWEEP ? to : expired.getLast().availableUntil().minusNanos(1_000));
        return expired.size();
    }
}
