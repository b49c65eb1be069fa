package dev.assay.api.metering;

import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.live.lease.Lease;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Metering#meterAll} every {@code assay.metering.interval} on the instance that leads metering: each
 * run first acquires (or renews) the {@value Metering#JOB} lease, and passes its fencing token down; without the
 * lease (another instance leads, or Redis cannot say) the run is skipped. Fixed delay, so passes of one instance
 * never overlap. Keep the interval well under {@code assay.live.lease-ttl}, or the lease lapses between runs.
 * Off when {@code assay.metering.enabled} is false, as in the tests, which call the pass themselves on a movable
 * clock.
 */
@Singleton
@Requires(property = "assay.metering.enabled", value = "true", defaultValue = "true")
class MeteringSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(MeteringSchedule.class);

    private final Metering metering;
    private final JobLeases leases;

    MeteringSchedule(Metering metering, JobLeases leases) {
        this.metering = metering;
        this.leases = leases;
    }

    @Scheduled(fixedDelay = "${assay.metering.interval:10s}", initialDelay = "${assay.metering.interval:10s}")
    void meter() {
        try {
            Optional<Lease> lease = leases.acquire(Metering.JOB);
            if (lease.isEmpty()) {
                LOG.debug("event=metering_pass_skipped reason=not_leader");
                return;
            }
            metering.meterAll(lease.get().fencingToken());
        } catch (RuntimeException e) {
            // The database may be away for a moment: the cursors did not move, the next pass charges the gap.
            LOG.error("event=metering_pass_failed", e);
        }
    }
}
