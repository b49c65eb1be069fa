package dev.assay.api.demo;

import dev.assay.api.market.MarketClock;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The organisation that owns the demo fleet: a fixed id, so a restart finds the fleet it made before. */
@Singleton
class DemoOrganisation {

    static final String ID = "org_d3m0000000000000000000000f";
    static final String NAME = "Assay demo fleet (SIMULATED)";

    private final EntityManager entityManager;
    private final MarketClock clock;

    DemoOrganisation(EntityManager entityManager, MarketClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Creates the organisation if it is missing; returns its id. */
    @Transactional
    String ensure() {
        long present = ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM organisations WHERE id = :id")
                .setParameter("id", ID).getSingleResult()).longValue();
        if (present == 0) {
            entityManager.createNativeQuery("INSERT INTO organisations (id, name, created_at) VALUES (:id, :name, :now)")
                    .setParameter("id", ID).setParameter("name", NAME).setParameter("now", clock.now())
                    .executeUpdate();
        }
        return ID;
    }

    @Transactional(readOnly = true)
    long hostCount() {
        return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM hosts WHERE org_id = :id")
                .setParameter("id", ID).getSingleResult()).longValue();
    }

    Instant now() {
        return clock.now();
    }
}
