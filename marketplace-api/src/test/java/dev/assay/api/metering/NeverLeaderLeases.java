package dev.assay.api.metering;

import dev.assay.api.live.lease.JobLeases;
import dev.assay.api.live.lease.Lease;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An instance that never leads: another one holds every lease. Counts how often it was asked. */
@Singleton
@Replaces(JobLeases.class)
@Requires(property = "metering-test.never-leader", value = "true")
class NeverLeaderLeases implements JobLeases {

    private final AtomicInteger asked = new AtomicInteger();

    @Override
    public Optional<Lease> acquire(String job) {
        asked.incrementAndGet();
        return Optional.empty();
    }

    int asked() {
        return asked.get();
    }
}
