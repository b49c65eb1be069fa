package dev.assay.api.accounts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import io.micronaut.data.model.Pageable;
import java.util.List;
import java.util.Optional;

/** Memberships; every finder takes the organisation, so a query never crosses organisations. */
@Repository
interface MembershipRepository extends JpaRepository<Membership, String> {

    Optional<Membership> findByOrgIdAndUserId(String orgId, String userId);

    List<Membership> findByOrgId(String orgId, Pageable page);

    long countByOrgId(String orgId);
}
