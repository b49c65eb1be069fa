package dev.assay.api.metering;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Metering#meterAll()} every {@code assay.metering.interval} (fixed delay, so passes of one instance
 * never overlap; passes of several instances may, and charge each second once). Off when
 * {@code assay.metering.enabled} is false, as in the tests, which call the pass themselves on a movable clock.
 */
@Singleton
@Requires(property = "assay.metering.enabled", value = "true", defaultValue = "true")
class MeteringSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(MeteringSchedule.class);

    private final Metering metering;

    MeteringSchedule(Metering metering) {
        this.metering = metering;
    }

    @Scheduled(fixedDelay = "${assay.metering.interval:10s}", initialDelay = "${assay.metering.interval:10s}")
    void meter() {
        try {
            metering.meterAll();
        } catch (RuntimeException e) {
            // The database may be away for a moment: the cursors did not move, the next pass charges the gap.
            LOG.error("event=metering_pass_failed", e);
        }
    }
}
