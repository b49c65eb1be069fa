package dev.assay.api.billing;

/** Why money moved. */
public enum TransferKind {
    /** Operator funding → a renter's balance; idempotent by its reference. */
    CREDIT,
    /** A renter's balance → a host's payable: the host share of a metered period of a pod. */
    USAGE,
    /** A renter's balance → platform revenue: the platform fee of a metered period of a pod. */
    FEE,
    /** A correction: a new transfer in the opposite direction of an earlier one (transfers are never edited). */
    REFUND;

    /** Whether transfers of this kind meter a pod's period (and carry pod id and period). */
    public boolean metering() {
        return this == USAGE || this == FEE;
    }
}
