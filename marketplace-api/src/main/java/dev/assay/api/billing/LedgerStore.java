package dev.assay.api.billing;

import dev.assay.api.paging.PageCursor;
import dev.assay.pricing.FeeSplit;
import dev.assay.pricing.Money;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ledger's transactions: each public method is one database transaction. {@link LedgerService} calls it
 * and retries a transaction that lost a race.
 *
 * <p>A posting runs in TigerBeetle's order: the request was checked on its own already ({@link UsageCharge},
 * {@link LedgerService}); then the idempotency lookup; then the accounts are locked; then the lookup again
 * (a racing transaction may have posted while this one waited for a lock) and the stateful checks; then
 * "from here on this must succeed" and the writes.
 *
 * <p>Lock order, the same in every transaction so that two never wait on each other in a cycle: operator
 * funding, then renter balances (by account id), then host payables (by account id), then platform revenue.
 * A credit takes the first two, a charge the last three. A transaction that posts several charges (a pod
 * change on a host settles all its running interruptible pods) would break the order at its second charge,
 * taking a renter balance after platform revenue; so it first takes every account all its charges need,
 * through {@link #lockForCharges}, and its charges then only re-enter locks it holds. Rows outside the ledger
 * (hosts, pods, the metering fence) are always locked before the first ledger account, see docs/billing.md.
 * Every charge takes platform revenue, so charges are serialised by the database, which makes the overlap
 * lookup exact; it also caps the charge rate at what one hot row allows (a few thousand a second on
 * PostgreSQL), see docs/billing.md.
 */
@Singleton
class LedgerStore {

    /** A bound on the transfers read back for one (pod, period) lookup. */
    static final int MAX_OVERLAPPING = 16;
    /** The order a charge posts its transfers in (usage, then fee), so a replay answers them as first posted. */
    private static final Comparator<Transfer> POSTING_ORDER = Comparator
            .comparing((Transfer t) -> t.period().orElseThrow().from())
            .thenComparing(Transfer::kind)
            .thenComparing(Transfer::id);

    private final EntityManager entityManager;
    private final BillingClock clock;
    private final SecureRandom random = new SecureRandom();

    LedgerStore(EntityManager entityManager, BillingClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public CreditOutcome credit(String orgId, Money amount, String reference) {
        Optional<CreditOutcome> known = knownCredit(orgId, amount, reference);
        if (known.isPresent()) {
            return known.get();
        }
        LedgerAccountRow funding = lock(AccountIds.OPERATOR_FUNDING).orElseThrow(
                () -> new IllegalStateException("the operator funding account is missing: migration V4 not applied?"));
        LedgerAccountRow renter = lockOrOpen(AccountIds.renter(orgId), AccountKind.RENTER_BALANCE, orgId);
        known = knownCredit(orgId, amount, reference);
        if (known.isPresent()) {
            return known.get();
        }
        // From here on this must succeed.
        Transfer transfer = post(TransferKind.CREDIT, funding, renter, amount, Optional.empty(), Optional.of(reference));
        entityManager.flush();
        return new CreditOutcome.Credited(transfer);
    }

    @Transactional
    public ChargeOutcome charge(UsageCharge charge, FeeSplit split) {
        List<Expected> expected = expectedTransfers(charge, split);
        Optional<ChargeOutcome> known = knownCharge(charge, expected);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<LedgerAccountRow> renterRow = lock(AccountIds.renter(charge.renterOrgId()));
        Money available = Money.ofMicros(renterRow.map(LedgerAccountRow::getBalanceMicros).orElse(0L));
        if (available.compareTo(charge.gross()) < 0) {
            return new ChargeOutcome.InsufficientBalance(available, charge.gross());
        }
        LedgerAccountRow renter = renterRow.orElseThrow();
        LedgerAccountRow host = lockOrOpen(AccountIds.host(charge.hostOrgId()), AccountKind.HOST_PAYABLE,
                charge.hostOrgId());
        LedgerAccountRow platform = lock(AccountIds.PLATFORM_REVENUE).orElseThrow(
                () -> new IllegalStateException("the platform revenue account is missing: migration V4 not applied?"));
        known = knownCharge(charge, expected);
        if (known.isPresent()) {
            return known.get();
        }
        // From here on this must succeed.
        List<Transfer> posted = new ArrayList<>(2);
        Optional<MeteredPeriod> period = Optional.of(charge.period());
        if (split.hostShare().isPositive()) {
            posted.add(post(TransferKind.USAGE, renter, host, split.hostShare(), period, Optional.empty()));
        }
        if (split.platformFee().isPositive()) {
            posted.add(post(TransferKind.FEE, renter, platform, split.platformFee(), period, Optional.empty()));
        }
        Money postedTotal = Money.sum(posted.stream().map(Transfer::amount).toList());
        if (postedTotal.compareTo(charge.gross()) != 0) {
            // Guarantee 6: throwing rolls the whole transaction back.
            throw new IllegalStateException("a charge of " + charge.gross() + " posted " + postedTotal);
        }
        entityManager.flush();
        return new ChargeOutcome.Charged(posted);
    }

    /** See {@link Ledger#lockForCharges}; the sets are sorted by organisation id. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lockForCharges(SortedSet<String> renterOrgIds, SortedSet<String> hostOrgIds) {
        if (renterOrgIds.isEmpty() && hostOrgIds.isEmpty()) {
            return;
        }
        // Account ids sort as their organisation ids do (one prefix per kind); sorted again all the same.
        new TreeSet<>(renterOrgIds.stream().map(AccountIds::renter).toList()).forEach(this::lock);
        for (String hostOrgId : hostOrgIds) {
            lockOrOpen(AccountIds.host(hostOrgId), AccountKind.HOST_PAYABLE, hostOrgId);
        }
        lock(AccountIds.PLATFORM_REVENUE).orElseThrow(
                () -> new IllegalStateException("the platform revenue account is missing: migration V4 not applied?"));
    }

    @Transactional(readOnly = true)
    public OrgBalance balance(String orgId) {
        return new OrgBalance(orgId, balanceOf(AccountIds.renter(orgId)), balanceOf(AccountIds.host(orgId)));
    }

    @Transactional(readOnly = true)
    public EntryPage entries(String orgId, EntryPageRequest page) {
        String renterId = AccountIds.renter(orgId);
        String hostId = AccountIds.host(orgId);
        Optional<PageCursor> after = page.cursor().map(c -> PageCursor.decode(c, "tr_"));
        String jpql = "select t from LedgerTransferRow t"
                + " where (t.debitAccountId in :accounts or t.creditAccountId in :accounts)"
                + (after.isPresent() ? " and (t.createdAt < :at or (t.createdAt = :at and t.id < :id))" : "")
                + " order by t.createdAt desc, t.id desc";
        var query = entityManager.createQuery(jpql, LedgerTransferRow.class)
                .setParameter("accounts", List.of(renterId, hostId))
                .setMaxResults(page.limit() + 1);
        after.ifPresent(c -> query.setParameter("at", c.at()).setParameter("id", c.id()));
        List<LedgerTransferRow> rows = query.getResultList();
        List<LedgerEntry> entries = rows.stream().limit(page.limit())
                .map(row -> entry(row.toTransfer(), renterId, hostId)).toList();
        Transfer last = entries.isEmpty() ? null : entries.getLast().transfer();
        Optional<String> next = rows.size() > page.limit()
                ? Optional.of(new PageCursor(last.createdAt(), last.id()).encode())
                : Optional.empty();
        return new EntryPage(entries, next);
    }

    private static LedgerEntry entry(Transfer t, String renterId, String hostId) {
        return new LedgerEntry(t, change(t, renterId), change(t, hostId));
    }

    private static Money change(Transfer t, String accountId) {
        Money in = t.creditAccountId().equals(accountId) ? t.amount() : Money.ZERO;
        Money out = t.debitAccountId().equals(accountId) ? t.amount() : Money.ZERO;
        return in.minus(out);
    }

    private Money balanceOf(String accountId) {
        return Optional.ofNullable(entityManager.find(LedgerAccountRow.class, accountId))
                .map(a -> Money.ofMicros(a.getBalanceMicros())).orElse(Money.ZERO);
    }

    /**
     * The one place balances change: the same positive amount leaves one account and enters another, in the
     * transaction that inserts the transfer saying why (guarantees 1 and 2).
     */
    private Transfer post(TransferKind kind, LedgerAccountRow debit, LedgerAccountRow credit, Money amount,
            Optional<MeteredPeriod> period, Optional<String> reference) {
        Transfer transfer = new Transfer(AccountIds.newTransferId(random), kind, debit.getId(), credit.getId(),
                amount, period, reference, clock.now());
        debit.debit(amount.micros());
        credit.credit(amount.micros());
        entityManager.persist(new LedgerTransferRow(transfer));
        return transfer;
    }

    /** Creates the account with a zero balance unless it exists; a racing creation of the same account is fine. */
    private void open(String accountId, AccountKind kind, String orgId) {
        entityManager.createNativeQuery("INSERT INTO ledger_accounts"
                        + " (id, account_kind, owner_org_id, balance_micros, version, created_at)"
                        + " VALUES (?1, ?2, ?3, 0, 0, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, accountId)
                .setParameter(2, kind.name())
                .setParameter(3, orgId)
                .setParameter(4, clock.now())
                .executeUpdate();
    }

    /**
     * Locks the account, opening it first only if it does not exist. The insert is never aimed at a row that
     * exists: on H2 an {@code INSERT … ON CONFLICT DO NOTHING} of a key whose row another transaction holds
     * locked fails with a concurrent update (90131) or spins until the lock timeout, and one of a row this
     * transaction already holds (several charges of one host organisation) need not run at all.
     */
    private LedgerAccountRow lockOrOpen(String accountId, AccountKind kind, String orgId) {
        Optional<LedgerAccountRow> existing = lock(accountId);
        if (existing.isPresent()) {
            return existing.get();
        }
        open(accountId, kind, orgId);
        return lock(accountId).orElseThrow();
    }

    private Optional<LedgerAccountRow> lock(String accountId) {
        return Optional.ofNullable(entityManager.find(LedgerAccountRow.class, accountId, LockModeType.PESSIMISTIC_WRITE));
    }

    private Optional<CreditOutcome> knownCredit(String orgId, Money amount, String reference) {
        return entityManager.createQuery("select t from LedgerTransferRow t"
                        + " where t.transferKind = 'CREDIT' and t.reference = :reference", LedgerTransferRow.class)
                .setParameter("reference", reference)
                .getResultStream().findFirst()
                .map(LedgerTransferRow::toTransfer)
                .map(t -> t.creditAccountId().equals(AccountIds.renter(orgId)) && t.amount().equals(amount)
                        ? new CreditOutcome.AlreadyCredited(t)
                        : new CreditOutcome.ReferenceConflict(t));
    }

    /**
     * The pod's metering transfers whose period overlaps the charge's: none (not charged yet), exactly the
     * transfers this charge would post (already charged), or anything else (a conflicting charge).
     */
    private Optional<ChargeOutcome> knownCharge(UsageCharge charge, List<Expected> expected) {
        List<Transfer> overlapping = entityManager.createQuery("select t from LedgerTransferRow t"
                        + " where t.podId = :pod and t.transferKind in ('USAGE', 'FEE')"
                        + " and t.periodFrom < :to and t.periodTo > :from"
                        + " order by t.periodFrom, t.id", LedgerTransferRow.class)
                .setParameter("pod", charge.podId())
                .setParameter("from", charge.from())
                .setParameter("to", charge.to())
                .setMaxResults(MAX_OVERLAPPING)
                .getResultStream().map(LedgerTransferRow::toTransfer)
                .sorted(POSTING_ORDER)
                .toList();
        if (overlapping.isEmpty()) {
            return Optional.empty();
        }
        List<Expected> found = overlapping.stream().map(Expected::of).sorted(Expected.ORDER).toList();
        return Optional.of(found.equals(expected)
                ? new ChargeOutcome.AlreadyCharged(overlapping)
                : new ChargeOutcome.PeriodConflict(overlapping));
    }

    private static List<Expected> expectedTransfers(UsageCharge charge, FeeSplit split) {
        List<Expected> expected = new ArrayList<>(2);
        MeteredPeriod period = charge.period();
        String renter = AccountIds.renter(charge.renterOrgId());
        if (split.hostShare().isPositive()) {
            expected.add(new Expected(TransferKind.USAGE, renter, AccountIds.host(charge.hostOrgId()),
                    split.hostShare(), period));
        }
        if (split.platformFee().isPositive()) {
            expected.add(new Expected(TransferKind.FEE, renter, AccountIds.PLATFORM_REVENUE, split.platformFee(),
                    period));
        }
        expected.sort(Expected.ORDER);
        return List.copyOf(expected);
    }

    /** What identifies a metering transfer's effect, for telling "the same charge again" from "another one". */
    private record Expected(TransferKind kind, String debit, String credit, Money amount, MeteredPeriod period) {
        static final Comparator<Expected> ORDER = Comparator.comparing(Expected::kind);

        static Expected of(Transfer t) {
            return new Expected(t.kind(), t.debitAccountId(), t.creditAccountId(), t.amount(), t.period().orElseThrow());
        }
    }
}
