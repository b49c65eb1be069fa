package dev.assay.api.hosts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;

/** GPUs of hosts, by (host, index). */
@Repository
interface HostGpuRowRepository extends JpaRepository<HostGpuRow, HostGpuRow.Key> {
}
