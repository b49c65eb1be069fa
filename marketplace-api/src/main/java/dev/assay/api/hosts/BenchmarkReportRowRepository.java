package dev.assay.api.hosts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import java.util.Collection;
import java.util.List;

/** Benchmark reports as received. */
@Repository
interface BenchmarkReportRowRepository extends JpaRepository<BenchmarkReportRow, String> {

    /**
     * The newest report of each GPU of these hosts, by host then GPU index. Ties on the instant are broken by
     * id, so exactly one report per GPU answers and the answer is stable.
     */
    @Query("SELECT b FROM BenchmarkReportRow b WHERE b.hostId IN (:hostIds) AND NOT EXISTS ("
            + "SELECT n.id FROM BenchmarkReportRow n WHERE n.hostId = b.hostId AND n.gpuIndex = b.gpuIndex"
            + " AND (n.reportedAt > b.reportedAt OR (n.reportedAt = b.reportedAt AND n.id > b.id)))"
            + " ORDER BY b.hostId, b.gpuIndex")
    List<BenchmarkReportRow> latestPerGpu(Collection<String> hostIds);
}
