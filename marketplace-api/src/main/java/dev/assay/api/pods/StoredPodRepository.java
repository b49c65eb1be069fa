package dev.assay.api.pods;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import java.util.Optional;

/**
 * Pods for views and inserts. Finders take the organisation, so another organisation's pod is simply not
 * found. Transactions that change pods read them with {@link PodSql} instead (row locks, and always the row
 * as it is, never a copy the persistence context kept from before a conditional update).
 */
@Repository
interface StoredPodRepository extends JpaRepository<StoredPod, String> {

    Optional<StoredPod> findByIdAndOrgId(String id, String orgId);
}
