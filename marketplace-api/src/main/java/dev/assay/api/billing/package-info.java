/**
 * Billing: a double-entry ledger of accounts and immutable transfers, the {@link dev.assay.api.billing.Ledger}
 * port the pod lifecycle meters into, an independent {@link dev.assay.api.billing.LedgerAudit}, the pure
 * {@link dev.assay.api.billing.BalanceGuard}, and the {@code /v1/billing} endpoints.
 *
 * <h2>Guarantees</h2>
 * Each guarantee is checked in code that is always on (never Java {@code assert}) and, where the database can
 * hold it too, by a constraint; each has a test.
 * <ol>
 *   <li><b>Double entry.</b> Every transfer debits one account and credits a different account by the same
 *       positive amount, so the sum of all account balances is zero at all times.
 *       <i>Checks:</i> {@link dev.assay.api.billing.Transfer}'s constructor and the posting code
 *       (amount &gt; 0, debit ≠ credit, one amount applied to both sides); CHECK constraints
 *       {@code ck_ledger_transfers_amount} and {@code ck_ledger_transfers_accounts}; the audit recomputes
 *       every balance and the zero sum.</li>
 *   <li><b>Immutable transfers.</b> A transfer is never updated nor deleted; a mistake is corrected by a new
 *       transfer (kind {@link dev.assay.api.billing.TransferKind#REFUND}).
 *       <i>Checks:</i> the transfer row is mapped read-only (every column {@code updatable = false},
 *       Hibernate {@code @Immutable}); no code path updates or deletes one; balances are updated only in
 *       the transaction that inserts the transfer, and the audit finds any balance that disagrees with its
 *       transfers.</li>
 *   <li><b>At most once.</b> At most one transfer exists per transfer id (primary key) and per idempotency
 *       identity: a credit's reference, a metering's (kind, pod, period start). Asking again answers
 *       "already done" with the original transfers; the same identity with a different request answers
 *       its own conflict outcome. <i>Checks:</i> the lookup under the account locks, then unique
 *       constraints {@code uq_ledger_transfers_period} and {@code uq_ledger_transfers_reference}, which
 *       hold even against a racing instance.</li>
 *   <li><b>Metering names its period.</b> Every usage and fee transfer names its pod and a period
 *       {@code [from, to)}; charging the same (pod, period) twice is a no-op, and a period that overlaps a
 *       different charge of the same pod is refused ({@link dev.assay.api.billing.ChargeOutcome.PeriodConflict}),
 *       so no second of a pod is billed twice. <i>Checks:</i> {@link dev.assay.api.billing.UsageCharge}'s
 *       constructor, CHECK {@code ck_ledger_transfers_shape}, the overlap lookup made while holding the
 *       account locks.</li>
 *   <li><b>Renters never go below zero.</b> A charge the renter's balance does not cover writes nothing and
 *       answers {@link dev.assay.api.billing.ChargeOutcome.InsufficientBalance}, never an exception.
 *       <i>Checks:</i> the balance test made under a row lock on the renter's account; the account's
 *       debit refusing to go negative; CHECK {@code ck_ledger_accounts_renter_not_negative}.</li>
 *   <li><b>The fee split conserves money.</b> A charge's host share and platform fee come from
 *       {@link dev.assay.pricing.FeeSplit} and add up to the gross exactly. <i>Checks:</i> {@code FeeSplit}'s
 *       constructor and the ledger's own check that the transfers posted for a charge sum to its gross.</li>
 * </ol>
 *
 * <h2>Accounts</h2>
 * {@link dev.assay.api.billing.AccountKind#RENTER_BALANCE} (one per organisation: prepaid credit),
 * {@link dev.assay.api.billing.AccountKind#HOST_PAYABLE} (one per organisation: what the marketplace owes the
 * host), {@link dev.assay.api.billing.AccountKind#PLATFORM_REVENUE} and
 * {@link dev.assay.api.billing.AccountKind#OPERATOR_FUNDING} (one each: the platform's fees, and the source
 * of credits, whose balance is minus all credit ever granted). A balance is credits minus debits.
 *
 * <h2>Concurrency</h2>
 * A posting locks every account it touches ({@code SELECT … FOR UPDATE}, in id order so two postings never
 * deadlock) before its lookups and checks, so the database serialises postings that share an account; the
 * unique constraints are the last line. The accounts' {@code version} column adds an optimistic check to
 * every balance update.
 *
 * <p>Public here: the port ({@link dev.assay.api.billing.Ledger}, {@link dev.assay.api.billing.LedgerAudit}),
 * its value types and {@link dev.assay.api.billing.BalanceGuard}. Entities, the store and the controller are
 * package-private. See {@code docs/billing.md}.
 */
package dev.assay.api.billing;
