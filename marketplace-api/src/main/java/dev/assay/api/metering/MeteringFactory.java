package dev.assay.api.metering;

import dev.assay.api.billing.BalanceGuard;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The balance guard, sized to the metering interval: it must cover exactly the time until the next pass. */
@Factory
class MeteringFactory {

    @Singleton
    BalanceGuard balanceGuard(@Value("${assay.metering.interval:10s}") Duration interval) {
        return new BalanceGuard(interval);
    }
}
