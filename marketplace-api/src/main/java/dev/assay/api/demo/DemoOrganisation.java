package dev.assay.api.demo;

import dev.assay.api.market.MarketClock;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SIMULATED organisations of the demo market: the one that owns the fleet (a fixed id, so a restart finds the
 * fleet it made before) and the renters', and the few reads a restart needs to pick up where it left off.
 */
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

    /** Creates the fleet's organisation if it is missing; returns its id. */
    @Transactional
    String ensure() {
        return ensure(ID, NAME);
    }

    /** Creates the SIMULATED organisation {@code id} (a demo renter's too) if it is missing; returns its id. */
    @Transactional
    String ensure(String id, String name) {
        long present = ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM organisations WHERE id = :id")
                .setParameter("id", id).getSingleResult()).longValue();
        if (present == 0) {
            entityManager.createNativeQuery("INSERT INTO organisations (id, name, created_at) VALUES (:id, :name, :now)")
                    .setParameter("id", id).setParameter("name", name).setParameter("now", clock.now())
                    .executeUpdate();
        }
        return id;
    }

    /** The fleet's stored hosts, id by machine name: how a restart finds the hosts it generated before. */
    @Transactional(readOnly = true)
    Map<String, String> hostIdsByName() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT name, id FROM hosts WHERE org_id = :id")
                .setParameter("id", ID).getResultList();
        Map<String, String> ids = new HashMap<>(rows.size() * 2);
        rows.forEach(r -> ids.put((String) r[0], (String) r[1]));
        return ids;
    }

    /** A renter's pods that still hold or may hold GPUs or a disk (not TERMINATED), id, type and bid (null if on demand), oldest first. */
    @Transactional(readOnly = true)
    List<Object[]> livePods(String renterId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT id, pod_type, bid_micros FROM pods WHERE org_id = :o"
                + " AND state <> 'TERMINATED' ORDER BY created_at, id").setParameter("o", renterId).getResultList();
        return rows;
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
