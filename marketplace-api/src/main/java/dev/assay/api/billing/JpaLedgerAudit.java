package dev.assay.api.billing;

import dev.assay.api.billing.AuditReport.Finding;
import dev.assay.pricing.Money;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@link LedgerAudit}, in plain SQL over the tables: it reuses nothing of the posting code, so it checks
 * that code rather than repeating it.
 */
@Singleton
class JpaLedgerAudit implements LedgerAudit {

    private static final int FETCH_SIZE = 1_000;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final EntityManager entityManager;

    JpaLedgerAudit(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(readOnly = true)
    public AuditReport verify() {
        Findings findings = new Findings();
        BigInteger sum = BigInteger.ZERO;
        long accounts = 0;
        // One statement, so one snapshot: balances and transfers are read as of the same moment.
        try (@SuppressWarnings("unchecked") Stream<Object> rows = (Stream<Object>) entityManager.createNativeQuery("SELECT a.id, a.account_kind, a.balance_micros,"
                        + " COALESCE((SELECT SUM(c.amount_micros) FROM ledger_transfers c WHERE c.credit_account_id = a.id), 0)"
                        + " - COALESCE((SELECT SUM(d.amount_micros) FROM ledger_transfers d WHERE d.debit_account_id = a.id), 0)"
                        + " FROM ledger_accounts a ORDER BY a.id")
                .setHint("org.hibernate.fetchSize", FETCH_SIZE)
                .getResultStream()) {
            for (Object row : (Iterable<Object>) rows::iterator) {
                Object[] columns = (Object[]) row;
                String id = (String) columns[0];
                BigInteger stored = integer(columns[2]);
                BigInteger recomputed = integer(columns[3]);
                accounts++;
                sum = sum.add(stored);
                if (!stored.equals(recomputed)) {
                    findings.add(new Finding.BalanceMismatch(id, money(stored), money(recomputed)));
                }
                if (AccountKind.RENTER_BALANCE.name().equals(columns[1]) && stored.signum() < 0) {
                    findings.add(new Finding.NegativeRenterBalance(id, money(stored)));
                }
            }
        }
        if (sum.signum() != 0) {
            findings.add(new Finding.NonZeroSum(money(sum)));
        }
        long transfers = integer(entityManager.createNativeQuery("SELECT COUNT(*) FROM ledger_transfers")
                .getSingleResult()).longValueExact();
        invalidTransfers(findings);
        overlappingPeriods(findings);
        return new AuditReport(accounts, transfers, money(sum), findings.list, findings.truncated);
    }

    private void invalidTransfers(Findings findings) {
        List<?> rows = entityManager.createNativeQuery("SELECT id, amount_micros, debit_account_id, credit_account_id"
                        + " FROM ledger_transfers WHERE amount_micros <= 0 OR debit_account_id = credit_account_id"
                        + " OR (transfer_kind IN ('USAGE', 'FEE') AND (pod_id IS NULL OR period_from IS NULL"
                        + " OR period_to IS NULL OR period_from >= period_to)) ORDER BY id")
                .setMaxResults(AuditReport.MAX_FINDINGS + 1)
                .getResultList();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            findings.add(new Finding.InvalidTransfer((String) c[0], "amount " + c[1] + " micros from " + c[2]
                    + " to " + c[3] + ": not a positive amount between two accounts, or a metering without its period"));
        }
    }

    private void overlappingPeriods(Findings findings) {
        List<?> rows = entityManager.createNativeQuery("SELECT a.id, b.id, a.pod_id FROM ledger_transfers a"
                        + " JOIN ledger_transfers b ON b.pod_id = a.pod_id AND b.transfer_kind = a.transfer_kind"
                        + " AND a.id < b.id AND a.period_from < b.period_to AND b.period_from < a.period_to"
                        + " WHERE a.transfer_kind IN ('USAGE', 'FEE') ORDER BY a.id, b.id")
                .setMaxResults(AuditReport.MAX_FINDINGS + 1)
                .getResultList();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            findings.add(new Finding.InvalidTransfer((String) c[1], "charges a period of pod " + c[2]
                    + " that transfer " + c[0] + " already charged"));
        }
    }

    private static BigInteger integer(Object value) {
        return switch (value) {
            case BigInteger b -> b;
            case BigDecimal d -> d.toBigIntegerExact();
            case Number n -> BigInteger.valueOf(n.longValue());
            default -> throw new IllegalStateException("not a number: " + value);
        };
    }

    /** Saturates at the ends of {@code long}: a corrupt ledger may hold sums no {@link Money} can. */
    private static Money money(BigInteger micros) {
        return Money.ofMicros(micros.max(LONG_MIN).min(LONG_MAX).longValueExact());
    }

    private static final class Findings {
        final List<Finding> list = new ArrayList<>();
        boolean truncated;

        void add(Finding finding) {
            if (list.size() < AuditReport.MAX_FINDINGS) {
                list.add(finding);
            } else {
                truncated = true;
            }
        }
    }
}
