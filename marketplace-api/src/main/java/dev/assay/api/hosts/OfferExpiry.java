package dev.assay.api.hosts;

import dev.assay.api.market.MarketClock;
import dev.assay.api.market.MarketIndex;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes offers out of the market index when their {@code available_until} passes. Nothing writes the host row
 * at that instant, so no writer refreshes the index; this sweep refreshes the hosts whose offer expired since
 * the last sweep (the index loader leaves an expired offer out). Between two sweeps placement still rejects
 * nothing it should not: an expired offer's host is re-read at the next refresh, at most one sweep later.
 */
@Singleton
public class OfferExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(OfferExpiry.class);
    /** Bound on the hosts refreshed by one sweep; the rest wait for the next one. */
    static final int MAX_PER_SWEEP = 1_000;

    private final HostReads reads;
    private final MarketIndex index;
    private final MarketClock clock;
    private final AtomicReference<Instant> sweptUpTo;

    OfferExpiry(HostReads reads, MarketIndex index, MarketClock clock) {
        this.reads = reads;
        this.index = index;
        this.clock = clock;
        // The index loaded at start already leaves out offers expired before then.
        this.sweptUpTo = new AtomicReference<>(clock.now());
    }

    /** Refreshes the hosts whose offers expired since the last sweep; returns how many. */
    @Scheduled(fixedDelay = "${assay.market.expiry-sweep:15s}", initialDelay = "${assay.market.expiry-sweep:15s}")
    public synchronized int sweep() {
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
