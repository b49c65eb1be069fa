package dev.assay.api.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A ledger account (persistence only). Its balance changes only through {@link #debit} and {@link #credit},
 * called by {@link LedgerStore} while it holds the row's lock and inserts the transfer that explains the change.
 */
@Entity
@Table(name = "ledger_accounts")
// Public getters: Micronaut Data introspects entities as beans.
class LedgerAccountRow {

    @Id
    @Column(name = "id", length = 80, updatable = false)
    private String id;

    @Column(name = "account_kind", nullable = false, length = 24, updatable = false)
    private String accountKind;

    @Column(name = "owner_org_id", length = 64, updatable = false)
    private String ownerOrgId;

    @Column(name = "balance_micros", nullable = false)
    private long balanceMicros;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected LedgerAccountRow() {}

    public String getId() {
        return id;
    }

    public String getAccountKind() {
        return accountKind;
    }

    public String getOwnerOrgId() {
        return ownerOrgId;
    }

    public long getBalanceMicros() {
        return balanceMicros;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    AccountKind kind() {
        return AccountKind.valueOf(accountKind);
    }

    /**
     * Takes {@code micros} out. A renter balance refuses to go below zero (guarantee 5): the caller checked the
     * balance under the lock first, so reaching that refusal is a defect, reported as one.
     */
    void debit(long micros) {
        requirePositive(micros);
        long after = Math.subtractExact(balanceMicros, micros);
        if (after < 0 && kind() == AccountKind.RENTER_BALANCE) {
            throw new IllegalStateException("renter account " + id + " would go below zero: " + balanceMicros
                    + " - " + micros + " micros");
        }
        balanceMicros = after;
    }

    void credit(long micros) {
        requirePositive(micros);
        balanceMicros = Math.addExact(balanceMicros, micros);
    }

    private static void requirePositive(long micros) {
        if (micros <= 0) {
            throw new IllegalStateException("a balance changes by a positive amount, not " + micros);
        }
    }
}
