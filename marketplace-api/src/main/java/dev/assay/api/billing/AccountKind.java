package dev.assay.api.billing;

/**
 * The kinds of ledger account. A balance is credits minus debits; the balances of all accounts sum to zero.
 */
public enum AccountKind {
    /** An organisation's prepaid credit; renters' usage is debited here. Never below zero. */
    RENTER_BALANCE,
    /** What the marketplace owes an organisation for its hosts' work (the host share of usage). */
    HOST_PAYABLE,
    /** The platform's fees. One account. */
    PLATFORM_REVENUE,
    /** The source of credits granted by the operator; its balance is minus every credit ever granted. One account. */
    OPERATOR_FUNDING;

    /** Whether accounts of this kind belong to an organisation (one per organisation) rather than the platform. */
    public boolean ownedByOrganisation() {
        return this == RENTER_BALANCE || this == HOST_PAYABLE;
    }
}
