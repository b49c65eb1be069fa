package dev.assay.api.billing;

import dev.assay.pricing.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/**
 * A transfer (persistence only). Immutable (guarantee 2): Hibernate never updates it, every column is
 * {@code updatable = false}, and there is no setter.
 */
@Entity
@Immutable
@Table(name = "ledger_transfers")
// Public getters: Micronaut Data introspects entities as beans.
class LedgerTransferRow {

    @Id
    @Column(name = "id", length = 40, updatable = false)
    private String id;

    @Column(name = "transfer_kind", nullable = false, length = 16, updatable = false)
    private String transferKind;

    @Column(name = "debit_account_id", nullable = false, length = 80, updatable = false)
    private String debitAccountId;

    @Column(name = "credit_account_id", nullable = false, length = 80, updatable = false)
    private String creditAccountId;

    @Column(name = "amount_micros", nullable = false, updatable = false)
    private long amountMicros;

    @Column(name = "pod_id", length = 64, updatable = false)
    private String podId;

    @Column(name = "period_from", updatable = false)
    private Instant periodFrom;

    @Column(name = "period_to", updatable = false)
    private Instant periodTo;

    @Column(name = "reference", length = 100, updatable = false)
    private String reference;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected LedgerTransferRow() {}

    /** The row of a transfer about to be posted; the value type has already checked it is a valid double entry. */
    LedgerTransferRow(Transfer transfer) {
        this.id = transfer.id();
        this.transferKind = transfer.kind().name();
        this.debitAccountId = transfer.debitAccountId();
        this.creditAccountId = transfer.creditAccountId();
        this.amountMicros = transfer.amount().micros();
        this.podId = transfer.period().map(MeteredPeriod::podId).orElse(null);
        this.periodFrom = transfer.period().map(MeteredPeriod::from).orElse(null);
        this.periodTo = transfer.period().map(MeteredPeriod::to).orElse(null);
        this.reference = transfer.reference().orElse(null);
        this.createdAt = transfer.createdAt();
    }

    public String getId() {
        return id;
    }

    public String getTransferKind() {
        return transferKind;
    }

    public String getDebitAccountId() {
        return debitAccountId;
    }

    public String getCreditAccountId() {
        return creditAccountId;
    }

    public long getAmountMicros() {
        return amountMicros;
    }

    public String getPodId() {
        return podId;
    }

    public Instant getPeriodFrom() {
        return periodFrom;
    }

    public Instant getPeriodTo() {
        return periodTo;
    }

    public String getReference() {
        return reference;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    Transfer toTransfer() {
        Optional<MeteredPeriod> period = podId == null ? Optional.empty()
                : Optional.of(new MeteredPeriod(podId, periodFrom, periodTo));
        return new Transfer(id, TransferKind.valueOf(transferKind), debitAccountId, creditAccountId,
                Money.ofMicros(amountMicros), period, Optional.ofNullable(reference), createdAt);
    }
}
