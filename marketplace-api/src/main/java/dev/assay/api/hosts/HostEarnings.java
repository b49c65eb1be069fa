package dev.assay.api.hosts;

import dev.assay.api.sql.NativeColumns;
import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a host has earned, read from the ledger: the USAGE transfers credited to its organisation's host
 * payable account for pods that ran on this host (the platform fee is a separate transfer and not counted).
 * A transfer counts in a window when its metered period lies within it.
 */
@Singleton
class HostEarnings {

    static final int DEFAULT_PODS = 50;
    static final int MAX_PODS = 200;

    private final EntityManager entityManager;

    HostEarnings(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One pod's earnings on the host within the window. */
    record PodEarnings(String podId, Money amount, Instant firstPeriodFrom, Instant lastPeriodTo, int transfers) {}

    /** The window's total over every pod, and the pods that ran most recently first (at most {@code limit}). */
    record Earnings(Money total, int pods, List<PodEarnings> recentPods) {}

    @Transactional(readOnly = true)
    Earnings of(String orgId, String hostId, Optional<Instant> from, Optional<Instant> to, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("host", hostId);
        // The ledger's id of an organisation's host payable account (billing's AccountIds.host).
        params.put("account", "host:" + orgId);
        StringBuilder where = new StringBuilder(" FROM ledger_transfers t JOIN pods p ON p.id = t.pod_id"
                + " WHERE p.host_id = :host AND t.transfer_kind = 'USAGE' AND t.credit_account_id = :account");
        from.ifPresent(f -> {
            where.append(" AND t.period_from >= :from");
            params.put("from", f);
        });
        to.ifPresent(t -> {
            where.append(" AND t.period_to <= :to");
            params.put("to", t);
        });
        Object[] total = (Object[]) query("SELECT COALESCE(SUM(t.amount_micros), 0), COUNT(DISTINCT t.pod_id)" + where,
                params).getSingleResult();
        var pods = query("SELECT t.pod_id, SUM(t.amount_micros), MIN(t.period_from), MAX(t.period_to), COUNT(*)"
                + where + " GROUP BY t.pod_id ORDER BY MAX(t.period_to) DESC, t.pod_id LIMIT " + limit, params);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = pods.getResultList();
        List<PodEarnings> recent = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            recent.add(new PodEarnings((String) r[0], Money.ofMicros(HostReads.longer(r[1])),
                    NativeColumns.instant(r[2]), NativeColumns.instant(r[3]), HostReads.integer(r[4])));
        }
        return new Earnings(Money.ofMicros(HostReads.longer(total[0])), HostReads.integer(total[1]), recent);
    }

    private jakarta.persistence.Query query(String sql, Map<String, Object> params) {
        var query = entityManager.createNativeQuery(sql);
        params.forEach(query::setParameter);
        return query;
    }
}
