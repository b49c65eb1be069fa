package dev.assay.api.hosts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;

/** Hosts, for inserting a registered machine; updates are {@link HostWrites}' conditional statements. */
@Repository
interface HostRowRepository extends JpaRepository<HostRow, String> {
}
