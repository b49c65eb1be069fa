package dev.assay.api.pods;

import dev.assay.pricing.Money;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reads pods for their organisation; another organisation's pod is simply not found. */
@Singleton
class PodQueries {

    static final int MAX_LIST = 200;

    private final PodSql sql;
    private final StoredPodRepository pods;
    private final PodEventRowRepository events;

    PodQueries(PodSql sql, StoredPodRepository pods, PodEventRowRepository events) {
        this.sql = sql;
        this.pods = pods;
        this.events = events;
    }

    /** The organisation's newest pods, in one state or all. */
    @Transactional(readOnly = true)
    List<PodRow> list(String orgId, Optional<PodState> state) {
        Pageable newest = Pageable.from(0, MAX_LIST, Sort.of(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
        List<StoredPod> found = state.isPresent()
                ? pods.findByOrgIdAndState(orgId, state.get().name(), newest)
                : pods.findByOrgId(orgId, newest);
        return found.stream().map(StoredPod::row).toList();
    }

    /** The pod with its events and what the ledger charged its renter for it. */
    @Transactional(readOnly = true)
    Optional<Detail> detail(String orgId, String podId) {
        return pods.findByIdAndOrgId(podId, orgId).map(StoredPod::row).map(pod -> new Detail(pod,
                Money.ofMicros(((Number) sql.scalar("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger_transfers"
                        + " WHERE pod_id = ?1 AND debit_account_id = ?2", podId, "renter:" + orgId)).longValue()),
                events.findByPodIdOrderBySeq(podId).stream().map(PodEventRow::event).toList()));
    }

    record Detail(PodRow pod, Money costSoFar, List<PodEvent> events) {
    }
}
