package dev.assay.api.billing;

import dev.assay.pricing.FeeSplit;
import dev.assay.pricing.Money;
import jakarta.inject.Singleton;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import io.micronaut.transaction.TransactionOperations;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hibernate.StaleStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Ledger}: checks each request on its own, runs it as one {@link LedgerStore} transaction and
 * retries, a bounded number of times, a transaction that lost a race (a unique key taken by a racing
 * instance, a lock or serialisation failure). The retry runs the whole transaction again, so it finds what
 * the winner posted and answers "already done" or a conflict, never a second posting. A posting inside a
 * caller's transaction is not retried: the caller's transaction is what lost, and it rolls back whole.
 */
@Singleton
class LedgerService implements Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

    static final int MAX_ATTEMPTS = 4;
    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9_.:-]{1," + UsageCharge.MAX_ID_CHARS + "}");
    private static final Pattern REFERENCE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_REFERENCE_CHARS + "}");

    private final LedgerStore store;
    private final TransactionOperations<?> transactions;

    LedgerService(LedgerStore store, TransactionOperations<?> transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    @Override
    public CreditOutcome credit(String orgId, Money amount, String reference) {
        requireOrgId(orgId);
        if (amount == null || !amount.isPositive()) {
            throw new IllegalArgumentException("a credit's amount must be positive, was " + amount);
        }
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("reference must be 1 to " + MAX_REFERENCE_CHARS
                    + " visible ASCII characters without spaces");
        }
        CreditOutcome outcome = inTransaction("credit", () -> store.credit(orgId, amount, reference));
        switch (outcome) {
            case CreditOutcome.Credited c -> LOG.info("event=credit_posted org={} amount={} reference={} transfer={}",
                    orgId, amount, reference, c.transfer().id());
            case CreditOutcome.AlreadyCredited c -> LOG.info("event=credit_replayed org={} reference={} transfer={}",
                    orgId, reference, c.transfer().id());
            case CreditOutcome.ReferenceConflict c -> LOG.warn(
                    "event=credit_reference_conflict org={} amount={} reference={} existing_transfer={}",
                    orgId, amount, reference, c.transfer().id());
        }
        return outcome;
    }

    @Override
    public ChargeOutcome chargeUsage(UsageCharge charge) {
        Objects.requireNonNull(charge, "charge");
        FeeSplit split = charge.split();
        if (split.hostShare().plus(split.platformFee()).compareTo(charge.gross()) != 0) {
            throw new IllegalStateException("fee split " + split + " does not add up to " + charge.gross());
        }
        ChargeOutcome outcome = inTransaction("charge", () -> store.charge(charge, split));
        switch (outcome) {
            case ChargeOutcome.Charged c -> LOG.info(
                    "event=usage_charged pod={} renter={} host={} from={} to={} gross={} host_share={} fee={}",
                    charge.podId(), charge.renterOrgId(), charge.hostOrgId(), charge.from(), charge.to(),
                    charge.gross(), split.hostShare(), split.platformFee());
            case ChargeOutcome.AlreadyCharged c -> LOG.debug("event=usage_already_charged pod={} from={} to={}",
                    charge.podId(), charge.from(), charge.to());
            case ChargeOutcome.InsufficientBalance c -> LOG.info(
                    "event=usage_refused_insufficient_balance pod={} renter={} available={} needed={}",
                    charge.podId(), charge.renterOrgId(), c.available(), c.needed());
            case ChargeOutcome.PeriodConflict c -> LOG.warn(
                    "event=usage_period_conflict pod={} from={} to={} existing_transfers={}",
                    charge.podId(), charge.from(), charge.to(), c.existing().size());
        }
        return outcome;
    }

    @Override
    public void lockForCharges(Collection<String> renterOrgIds, Collection<String> hostOrgIds) {
        renterOrgIds.forEach(LedgerService::requireOrgId);
        hostOrgIds.forEach(LedgerService::requireOrgId);
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("locking the accounts of charges needs the caller's transaction");
        }
        store.lockForCharges(new TreeSet<>(renterOrgIds), new TreeSet<>(hostOrgIds));
    }

    @Override
    public OrgBalance balance(String orgId) {
        requireOrgId(orgId);
        return store.balance(orgId);
    }

    @Override
    public EntryPage entries(String orgId, EntryPageRequest page) {
        requireOrgId(orgId);
        Objects.requireNonNull(page, "page");
        return store.entries(orgId, page);
    }

    private static void requireOrgId(String orgId) {
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw new IllegalArgumentException("orgId must be 1 to " + UsageCharge.MAX_ID_CHARS
                    + " letters, digits or _ - : . characters");
        }
    }

    /**
     * Runs the posting in the caller's transaction when there is one, else in its own with retries. A posting
     * that joined a caller's transaction (a pod's settlement) is never retried here: a lost race or a
     * deadlock has rolled (or is rolling) that whole transaction back in the database, so running the posting
     * again inside it would fail or, worse, post into a transaction that can only roll back. The failure goes
     * to the caller, whose transaction rolls back completely and whose edge answers it as a retryable 409.
     */
    private <T> T inTransaction(String operation, Supplier<T> transaction) {
        if (transactions.findTransactionStatus().isPresent()) {
            return transaction.get();
        }
        return withRetries(operation, transaction);
    }

    private static <T> T withRetries(String operation, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
                LOG.info("event=ledger_retry operation={} attempt={} cause={}", operation, attempt,
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Whether the transaction failed only because another one got there first: SQLSTATE class 23 (a unique or
     * check constraint, e.g. a racing instance posted the same period), class 40 (serialisation failure,
     * deadlock) or 55P03 (lock not available), or an optimistic version check.
     */
    static boolean lostARace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("23") || state.startsWith("40") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
