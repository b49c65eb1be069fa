package dev.assay.api.billing;

import static dev.assay.api.sql.NativeColumns.instant;
import static dev.assay.api.sql.NativeColumns.whole;

import dev.assay.pricing.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an organisation's pods were charged in a window, per pod, read from the metering transfers of the ledger
 * (usage to hosts and fees to the platform, both paid from the renter balance). The ledger is the only source:
 * the report shows what was charged, never an estimate.
 */
@Singleton
class UsageReport {

    /** One pod's charges in the window. */
    record PodUsage(String podId, @Nullable String name, @Nullable String type, @Nullable Integer gpuCount,
            @Nullable String hostId, Money charged, Money platformFee, Instant firstPeriodFrom, Instant lastPeriodTo,
            long periods) {
    }

    /** The window's total and the pods that cost most first, at most {@code limit} of them. */
    record Usage(String orgId, Instant from, Instant to, Money charged, long podsCharged, List<PodUsage> pods) {
    }

    private static final String IN_WINDOW = " FROM ledger_transfers t WHERE t.debit_account_id = ?1"
            + " AND t.transfer_kind IN ('USAGE', 'FEE') AND t.period_from >= ?2 AND t.period_from < ?3";

    private final EntityManager entityManager;

    UsageReport(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Charges whose metered period starts in {@code [from, to)}. */
    @Transactional(readOnly = true)
    Usage of(String orgId, Instant from, Instant to, int limit) {
        String renter = AccountIds.renter(orgId);
        Object[] totals = (Object[]) entityManager.createNativeQuery(
                        "SELECT COALESCE(SUM(t.amount_micros), 0), COUNT(DISTINCT t.pod_id)" + IN_WINDOW)
                .setParameter(1, renter).setParameter(2, from).setParameter(3, to)
                .getSingleResult();
        List<PodUsage> pods = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT u.pod_id, u.charged, u.fee, u.first_from,"
                        + " u.last_to, u.periods, p.name, p.pod_type, p.gpu_count, p.host_id FROM (SELECT t.pod_id,"
                        + " SUM(t.amount_micros) AS charged,"
                        + " SUM(CASE WHEN t.transfer_kind = 'FEE' THEN t.amount_micros ELSE 0 END) AS fee,"
                        + " MIN(t.period_from) AS first_from, MAX(t.period_to) AS last_to,"
                        + " COUNT(DISTINCT t.period_from) AS periods" + IN_WINDOW + " GROUP BY t.pod_id) u"
                        + " LEFT JOIN pods p ON p.id = u.pod_id ORDER BY u.charged DESC, u.pod_id")
                .setParameter(1, renter).setParameter(2, from).setParameter(3, to)
                .setMaxResults(limit)
                .getResultList();
        for (Object[] r : rows) {
            pods.add(new PodUsage((String) r[0], (String) r[6], (String) r[7],
                    r[8] == null ? null : (int) whole(r[8]), (String) r[9], Money.ofMicros(whole(r[1])),
                    Money.ofMicros(whole(r[2])), instant(r[3]), instant(r[4]), whole(r[5])));
        }
        return new Usage(orgId, from, to, Money.ofMicros(whole(totals[0])), whole(totals[1]), pods);
    }
}
