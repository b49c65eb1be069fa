package dev.assay.api.billing;

/**
 * An independent check of the ledger: recomputes every account's balance from the transfers alone and checks
 * the guarantees that can be seen in the data (zero sum, no renter below zero, every transfer a valid double
 * entry). It shares no code path with the posting code, so a bug there shows up here.
 *
 * <p>Read-only. The per-account recomputation is one SQL statement (one snapshot), so the audit can run while
 * postings go on. Used by the tests and, later, an admin endpoint.
 */
public interface LedgerAudit {

    /** Audits the whole ledger. */
    AuditReport verify();
}
