package dev.assay.api.billing;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

/**
 * Whether an organisation exists, so a credit cannot fund an organisation nobody owns. Reads the accounts
 * feature's {@code organisations} table directly (one count by primary key) because that feature exposes no
 * lookup port; the ledger itself stays independent of it (no foreign key), so metering never depends on it.
 */
@Singleton
class OrganisationDirectory {

    private final EntityManager entityManager;

    OrganisationDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(readOnly = true)
    public boolean exists(String orgId) {
        Number count = (Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM organisations WHERE id = ?1")
                .setParameter(1, orgId)
                .getSingleResult();
        return count.longValue() > 0;
    }
}
