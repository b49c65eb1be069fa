package dev.assay.api.pods;

import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reads pods for their organisation; another organisation's pod is simply not found. */
@Singleton
class PodQueries {

    static final int MAX_LIST = 200;

    private final PodSql sql;

    PodQueries(PodSql sql) {
        this.sql = sql;
    }

    /** The organisation's newest pods, in one state or all. */
    @Transactional(readOnly = true)
    List<PodRow> list(String orgId, Optional<PodState> state) {
        String order = " ORDER BY created_at DESC, id DESC LIMIT " + MAX_LIST;
        return state.isPresent()
                ? sql.many("SELECT " + PodSql.POD_COLUMNS + " FROM pods WHERE org_id = ?1 AND state = ?2" + order,
                        orgId, state.get().name())
                : sql.many("SELECT " + PodSql.POD_COLUMNS + " FROM pods WHERE org_id = ?1" + order, orgId);
    }

    /** The pod with its events and what the ledger charged its renter for it. */
    @Transactional(readOnly = true)
    Optional<Detail> detail(String orgId, String podId) {
        return sql.find(podId).filter(p -> p.orgId().equals(orgId)).map(pod -> new Detail(pod,
                Money.ofMicros(((Number) sql.scalar("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger_transfers"
                        + " WHERE pod_id = ?1 AND debit_account_id = ?2", podId, "renter:" + orgId)).longValue()),
                sql.events(podId)));
    }

    record Detail(PodRow pod, Money costSoFar, List<PodEvent> events) {
    }
}
