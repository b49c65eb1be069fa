package dev.assay.api.accounts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import io.micronaut.data.model.Pageable;
import java.util.List;
import java.util.Optional;

/**
 * API keys. Request-serving finders take the organisation, so another organisation's key id is simply not
 * found; only authentication looks a key up by id alone.
 */
@Repository
interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

    Optional<ApiKey> findByIdAndOrgId(String id, String orgId);

    List<ApiKey> findByOrgId(String orgId, Pageable page);

    long countByOrgIdAndRevokedAtIsNull(String orgId);

    long countByOrgIdAndKeyRoleAndRevokedAtIsNull(String orgId, String keyRole);
}
