package dev.assay.api.pods;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;

/** Bids of interruptible pods, by pod. */
@Repository
interface BidRowRepository extends JpaRepository<BidRow, String> {

    /** Takes the pod's bid out of its book: one DELETE statement, no read first; none is fine. */
    @Query("DELETE FROM BidRow b WHERE b.podId = :podId")
    int withdraw(String podId);
}
