package dev.assay.api.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired idempotency records every hour, so the table holds at most a day of keys. */
@Singleton
class IdempotencyPurge {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final IdempotencyClock clock;

    IdempotencyPurge(IdempotencyStore store, IdempotencyClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    int purge() {
        try {
            int deleted = store.purgeExpired(clock.now());
            LOG.debug("purged {} expired idempotency records", deleted);
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("cannot purge expired idempotency records; will retry", e);
            return 0;
        }
    }
}
