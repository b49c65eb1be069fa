package dev.assay.api.live.lease;

import dev.assay.api.live.InstanceId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default's leases: one instance, so it leads every job, always. Each job gets a fencing token at its
 * first acquisition and keeps it for the life of the process (the holding never ends).
 *
 * <p>Tokens start above the wall clock's milliseconds at start: the embedded database outlives the process, and
 * its {@code job_fences} rows hold the tokens of the previous run, which a counter starting from 1 would fall
 * under (and every pass of the restarted instance would be refused as superseded). Not a decision of the market,
 * so the real clock, not the market's.
 */
@Singleton
@Requires(missingProperty = "redis.uri")
class InProcessJobLeases implements JobLeases {

    private final String holder;
    private final AtomicLong lastToken;
    private final ConcurrentMap<String, Lease> held = new ConcurrentHashMap<>();

    @Inject
    InProcessJobLeases(InstanceId instance) {
        this(instance.value(), InstantSource.system());
    }

    InProcessJobLeases(String holder, InstantSource startClock) {
        this.holder = holder;
        this.lastToken = new AtomicLong(startClock.millis());
    }

    @Override
    public Optional<Lease> acquire(String job) {
        JobLeases.requireJobName(job);
        return Optional.of(held.computeIfAbsent(job, j -> new Lease(j, holder, lastToken.incrementAndGet())));
    }
}
