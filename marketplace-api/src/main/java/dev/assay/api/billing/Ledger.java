package dev.assay.api.billing;

import dev.assay.pricing.Money;

/**
 * The ledger port: the one way money moves in the marketplace. The pod lifecycle calls
 * {@link #chargeUsage(UsageCharge)} for each metered period of a RUNNING pod (never for STARTING or LOST
 * time); the operator funds renters with {@link #credit}; the API reads balances and entries.
 *
 * <p>Thread-safe; every method runs in its own database transaction and may be called from any instance:
 * the database serialises postings that touch the same account. The guarantees of the package
 * ({@code package-info}) hold for every call. Outcomes of the market are values of {@link ChargeOutcome} and
 * {@link CreditOutcome}; exceptions mean bad input ({@link IllegalArgumentException}) or an infrastructure
 * fault.
 */
public interface Ledger {

    /** The longest credit reference accepted. */
    int MAX_REFERENCE_CHARS = 100;

    /**
     * Moves {@code amount} from operator funding to {@code orgId}'s renter balance. Idempotent by
     * {@code reference}: the same reference, organisation and amount again answers
     * {@link CreditOutcome.AlreadyCredited} with the original transfer; the same reference with another
     * organisation or amount answers {@link CreditOutcome.ReferenceConflict}. Does not check that the
     * organisation exists (the caller does).
     *
     * @throws IllegalArgumentException if the amount is not positive, or the organisation id or reference is
     *     blank or too long
     */
    CreditOutcome credit(String orgId, Money amount, String reference);

    /**
     * Charges one metered period of a pod: renter balance → host payable (host share) and renter balance →
     * platform revenue (fee), both or neither. Idempotent by (pod, period).
     */
    ChargeOutcome chargeUsage(UsageCharge charge);

    /**
     * Locks, in the caller's transaction and in the ledger's global lock order, every account that charges of
     * these renters to these host organisations can touch: the renters' balances by account id, then the
     * host payables by account id (opened if missing), then platform revenue. A transaction that will post
     * several charges calls this before the first one (and before any row it locks after the ledger's), so
     * that it never takes one renter's balance after another charge's platform revenue; see
     * docs/billing.md, "Lock order". Accounts not opened yet (a renter never funded) are skipped.
     *
     * @throws IllegalStateException if no transaction is active: locks outside one would be released at once
     */
    void lockForCharges(java.util.Collection<String> renterOrgIds, java.util.Collection<String> hostOrgIds);

    /** The organisation's renter balance and host payable (zero for accounts not opened yet). */
    OrgBalance balance(String orgId);

    /** The organisation's entries, newest first. @throws IllegalArgumentException for a cursor not made here */
    EntryPage entries(String orgId, EntryPageRequest page);
}
