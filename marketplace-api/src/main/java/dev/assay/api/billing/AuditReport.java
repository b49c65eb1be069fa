package dev.assay.api.billing;

import dev.assay.pricing.Money;
import java.util.List;
import java.util.Objects;

/**
 * What {@link LedgerAudit#verify()} found.
 *
 * @param accountsChecked  accounts whose balance was recomputed
 * @param transfersChecked transfers read
 * @param sumOfBalances    the sum of all stored balances; zero in a sound ledger
 * @param findings         at most {@link #MAX_FINDINGS} problems, empty in a sound ledger
 * @param truncated        whether more problems were found than are listed
 */
public record AuditReport(long accountsChecked, long transfersChecked, Money sumOfBalances, List<Finding> findings,
        boolean truncated) {

    public static final int MAX_FINDINGS = 100;

    public AuditReport {
        Objects.requireNonNull(sumOfBalances, "sumOfBalances");
        findings = List.copyOf(findings);
    }

    /** Whether the ledger holds every checked guarantee. */
    public boolean sound() {
        return findings.isEmpty() && !truncated;
    }

    /** One problem found by the audit. */
    public sealed interface Finding {

        /** An account's stored balance differs from credits minus debits of its transfers. */
        record BalanceMismatch(String accountId, Money stored, Money recomputed) implements Finding {}

        /** The balances of all accounts do not sum to zero. */
        record NonZeroSum(Money sum) implements Finding {}

        /** A renter balance is below zero. */
        record NegativeRenterBalance(String accountId, Money balance) implements Finding {}

        /** A transfer is not a valid double entry or misses its period. */
        record InvalidTransfer(String transferId, String why) implements Finding {}
    }
}
