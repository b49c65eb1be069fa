package dev.assay.api.pods;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import java.util.List;

/** The events of pods, in the order they happened. */
@Repository
interface PodEventRowRepository extends JpaRepository<PodEventRow, String> {

    List<PodEventRow> findByPodIdOrderBySeq(String podId);

    /** The sequence number the pod's next event takes (1 for its first). */
    @Query("SELECT COALESCE(MAX(e.seq), 0) + 1 FROM PodEventRow e WHERE e.podId = :podId")
    int nextSeq(String podId);
}
