package dev.assay.api.pods;

import dev.assay.api.paging.PageCursor;
import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** Reads pods for their organisation; another organisation's pod is simply not found. */
@Singleton
class PodQueries {

    static final int DEFAULT_LIST = 100;
    static final int MAX_LIST = 200;

    private final PodSql sql;
    private final EntityManager entityManager;
    private final StoredPodRepository pods;
    private final PodEventRowRepository events;

    PodQueries(PodSql sql, EntityManager entityManager, StoredPodRepository pods, PodEventRowRepository events) {
        this.sql = sql;
        this.entityManager = entityManager;
        this.pods = pods;
        this.events = events;
    }

    /** A page of pods, newest first, and where the next (older) page starts, if there is one. */
    record Page(List<PodRow> pods, Optional<String> nextCursor) {
    }

    /**
     * The organisation's pods, newest first, in one state or all, {@code limit} at a time after {@code after}.
     */
    @Transactional(readOnly = true)
    Page list(String orgId, Optional<PodState> state, int limit, Optional<PageCursor> after) {
        String jpql = "select p from StoredPod p where p.orgId = :org"
                + (state.isPresent() ? " and p.state = :state" : "")
                + (after.isPresent() ? " and (p.createdAt < :at or (p.createdAt = :at and p.id < :id))" : "")
                + " order by p.createdAt desc, p.id desc";
        TypedQuery<StoredPod> query = entityManager.createQuery(jpql, StoredPod.class)
                .setParameter("org", orgId).setMaxResults(limit + 1);
        state.ifPresent(s -> query.setParameter("state", s.name()));
        after.ifPresent(c -> query.setParameter("at", c.at()).setParameter("id", c.id()));
        List<PodRow> found = query.getResultList().stream().map(StoredPod::row).toList();
        List<PodRow> page = found.stream().limit(limit).toList();
        return new Page(page, found.size() > limit
                ? Optional.of(new PageCursor(page.getLast().createdAt(), page.getLast().id()).encode())
                : Optional.empty());
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
