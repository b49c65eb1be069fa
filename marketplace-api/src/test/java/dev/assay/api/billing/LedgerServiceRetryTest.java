package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.FeeSplit;
import dev.assay.pricing.Money;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import jakarta.persistence.PessimisticLockException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which transaction a lost race is retried in. A charge in its own transaction is run again (the rerun finds
 * what the winner posted); a charge inside a caller's transaction (a pod's settlement) is not: the database
 * has rolled that transaction back already (H2 "status ROLLING_BACK, not OPEN"), so the failure goes to the
 * caller, which rolls back whole and answers 409, instead of a retry posting into a dead transaction and a
 * 500 {@code UnexpectedRollbackException} at its commit (docs/benchmarks.md, issue [7]).
 */
class LedgerServiceRetryTest {

    private static final UsageCharge CHARGE = new UsageCharge("pod_1", "org_renter", "org_host",
            Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-06T00:01:00Z"), Money.ofMicros(1_000), 1000);

    /** A store whose every charge loses a race, as a deadlock victim's does. */
    private static final class DeadlockedStore extends LedgerStore {
        final AtomicInteger charges = new AtomicInteger();

        DeadlockedStore() {
            super(null, null);
        }

        @Override
        public ChargeOutcome charge(UsageCharge charge, FeeSplit split) {
            charges.incrementAndGet();
            throw new PessimisticLockException("Deadlock detected. The current transaction was rolled back.");
        }
    }

    @Test
    void aChargeInsideTheCallersTransactionIsNotRetriedThere() {
        DeadlockedStore store = new DeadlockedStore();
        Ledger ledger = new LedgerService(store, transactions(true));

        assertThatThrownBy(() -> ledger.chargeUsage(CHARGE)).isInstanceOf(PessimisticLockException.class);
        assertThat(store.charges).as("run once; the caller's transaction is what lost").hasValue(1);
    }

    @Test
    void aChargeInItsOwnTransactionIsRetriedABoundedNumberOfTimes() {
        DeadlockedStore store = new DeadlockedStore();
        Ledger ledger = new LedgerService(store, transactions(false));

        assertThatThrownBy(() -> ledger.chargeUsage(CHARGE)).isInstanceOf(PessimisticLockException.class);
        assertThat(store.charges).hasValue(LedgerService.MAX_ATTEMPTS);
    }

    @Test
    void lockingTheAccountsOfChargesNeedsTheCallersTransaction() {
        Ledger ledger = new LedgerService(new DeadlockedStore(), transactions(false));

        assertThatThrownBy(() -> ledger.lockForCharges(java.util.List.of("org_renter"), java.util.List.of("org_host")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static TransactionOperations<Object> transactions(boolean active) {
        TransactionStatus<?> status = (TransactionStatus<?>) Proxy.newProxyInstance(
                LedgerServiceRetryTest.class.getClassLoader(), new Class<?>[] {TransactionStatus.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return new TransactionOperations<>() {
            @Override
            public Object getConnection() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasConnection() {
                return active;
            }

            @Override
            public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
                return active ? Optional.of(status) : Optional.empty();
            }

            @Override
            public <R> R execute(TransactionDefinition definition, TransactionCallback<Object, R> callback) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
