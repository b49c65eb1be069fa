package dev.assay.api.metering;

import dev.assay.api.pods.RunningTimeSettlement;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What the pod lifecycle does when a pod leaves RUNNING, reduced to the part metering cares about: in one
 * transaction, settle the running time, then change the state and clear the cursor.
 */
@Singleton
@Requires(property = "metering-test.doubles", value = "true")
class TransitionDouble {

    /** Thrown after settling, to roll the transition back. */
    static final class TransitionRefused extends RuntimeException {
        TransitionRefused() {
            super("the transition failed after the settlement");
        }
    }

    private final RunningTimeSettlement settlement;
    private final EntityManager entityManager;

    TransitionDouble(RunningTimeSettlement settlement, EntityManager entityManager) {
        this.settlement = settlement;
        this.entityManager = entityManager;
    }

    @Transactional
    public void leaveRunning(String podId, String state, Instant at) {
        settlement.settle(podId, at);
        entityManager.createNativeQuery("UPDATE pods SET state = ?1, billed_until = NULL, updated_at = ?2 WHERE id = ?3")
                .setParameter(1, state)
                .setParameter(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(3, podId)
                .executeUpdate();
    }

    @Transactional
    public void settleThenFail(String podId, Instant at) {
        settlement.settle(podId, at);
        throw new TransitionRefused();
    }
}
