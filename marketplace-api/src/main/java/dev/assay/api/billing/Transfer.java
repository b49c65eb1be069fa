package dev.assay.api.billing;

import dev.assay.pricing.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable movement of money: {@code amount} leaves {@code debitAccountId} and arrives in
 * {@code creditAccountId}. Metering transfers ({@link TransferKind#USAGE}, {@link TransferKind#FEE}) carry
 * their pod and period; credits and refunds carry a reference.
 *
 * @param id              the transfer's id ({@code tr_…})
 * @param kind            why the money moved
 * @param debitAccountId  the account the amount leaves
 * @param creditAccountId the account the amount arrives in; never the debit account
 * @param amount          positive
 * @param period          the pod and period metered, for metering kinds only
 * @param reference       the caller's reference, for credits and refunds
 * @param createdAt       when the transfer was posted
 */
public record Transfer(String id, TransferKind kind, String debitAccountId, String creditAccountId, Money amount,
        Optional<MeteredPeriod> period, Optional<String> reference, Instant createdAt) {

    /** @throws IllegalArgumentException if the transfer is not a valid double entry (guarantee 1) or misses its period */
    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(debitAccountId, "debitAccountId");
        Objects.requireNonNull(creditAccountId, "creditAccountId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a transfer's amount must be positive, was " + amount);
        }
        if (debitAccountId.equals(creditAccountId)) {
            throw new IllegalArgumentException("a transfer must move money between two accounts, not within "
                    + debitAccountId);
        }
        if (kind.metering() != period.isPresent()) {
            throw new IllegalArgumentException(kind + " transfers " + (kind.metering() ? "must" : "must not")
                    + " name a pod and period");
        }
    }
}
