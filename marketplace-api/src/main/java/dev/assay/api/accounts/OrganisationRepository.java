package dev.assay.api.accounts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;

@Repository
interface OrganisationRepository extends JpaRepository<Organisation, String> {}
