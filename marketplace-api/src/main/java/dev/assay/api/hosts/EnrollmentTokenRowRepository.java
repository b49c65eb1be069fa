package dev.assay.api.hosts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import io.micronaut.data.model.Pageable;
import java.time.Instant;
import java.util.List;

/** Enrollment tokens; every finder takes the organisation, so another organisation's token is not found. */
@Repository
interface EnrollmentTokenRowRepository extends JpaRepository<EnrollmentTokenRow, String> {

    /** Tokens still waiting to be used: not used, not expired at {@code now}. */
    long countByOrgIdAndUsedAtIsNullAndExpiresAtGreaterThan(String orgId, Instant now);

    List<EnrollmentTokenRow> findByOrgId(String orgId, Pageable page);
}
