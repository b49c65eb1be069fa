package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.billing.AuditReport.Finding;
import dev.assay.pricing.Money;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The audit finds what the posting code would never do but a bug, a manual edit or a bad migration could: a
 * balance that disagrees with its transfers, a non-zero sum, a transfer edited after the fact. Each test
 * tampers and then undoes it, in a database of this class's own.
 */
@MicronautTest(transactional = false)
class LedgerAuditTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    Ledger ledger;

    @Inject
    LedgerAudit audit;

    @Inject
    DataSource dataSource;

    @Test
    void aSoundLedgerPassesAndIsCounted() {
        ledger.credit("org_audit1", Money.parse("2"), "audit-1");
        ledger.chargeUsage(new UsageCharge("pod_audit1", "org_audit1", "org_audit2", T0, T0.plusSeconds(60),
                Money.parse("1"), 1000));

        AuditReport report = audit.verify();

        assertThat(report.sound()).isTrue();
        assertThat(report.findings()).isEmpty();
        assertThat(report.sumOfBalances()).isEqualTo(Money.ZERO);
        assertThat(report.transfersChecked()).isGreaterThanOrEqualTo(3);
        assertThat(report.accountsChecked()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aTamperedBalanceIsFound() throws SQLException {
        LedgerSql sql = LedgerSql.of(dataSource);
        ledger.credit("org_audit3", Money.parse("5"), "audit-3");
        sql.update("UPDATE ledger_accounts SET balance_micros = balance_micros + 250000 WHERE id = 'renter:org_audit3'");
        try {
            AuditReport report = audit.verify();

            assertThat(report.sound()).isFalse();
            assertThat(report.findings()).containsExactlyInAnyOrder(
                    new Finding.BalanceMismatch("renter:org_audit3", Money.parse("5.25"), Money.parse("5")),
                    new Finding.NonZeroSum(Money.parse("0.25")));
        } finally {
            sql.update("UPDATE ledger_accounts SET balance_micros = balance_micros - 250000 WHERE id = 'renter:org_audit3'");
        }
        assertThat(audit.verify().sound()).isTrue();
    }

    @Test
    void aTransferEditedAfterTheFactIsFound() throws SQLException {
        LedgerSql sql = LedgerSql.of(dataSource);
        Transfer credit = ledger.credit("org_audit4", Money.parse("4"), "audit-4").transfer();
        sql.update("UPDATE ledger_transfers SET amount_micros = 3000000 WHERE id = ?", credit.id());
        try {
            AuditReport report = audit.verify();

            assertThat(report.findings()).containsExactlyInAnyOrder(
                    new Finding.BalanceMismatch("renter:org_audit4", Money.parse("4"), Money.parse("3")),
                    new Finding.BalanceMismatch("operator:funding", audit(report, "operator:funding").stored(),
                            audit(report, "operator:funding").stored().plus(Money.parse("1"))));
        } finally {
            sql.update("UPDATE ledger_transfers SET amount_micros = 4000000 WHERE id = ?", credit.id());
        }
        assertThat(audit.verify().sound()).isTrue();
    }

    private static Finding.BalanceMismatch audit(AuditReport report, String accountId) {
        return report.findings().stream().filter(Finding.BalanceMismatch.class::isInstance)
                .map(Finding.BalanceMismatch.class::cast).filter(f -> f.accountId().equals(accountId))
                .findFirst().orElseThrow(() -> new AssertionError("no mismatch for " + accountId + ": " + report));
    }
}
