package dev.assay.api.billing;

import dev.assay.pricing.Money;
import java.util.Objects;

/**
 * A transfer as one organisation sees it: how it changed that organisation's two accounts (positive: money
 * in, negative: money out, zero: the account was not touched). A transfer between an organisation's own
 * accounts (renting its own host) shows both changes in one entry.
 *
 * @param transfer          the transfer
 * @param balanceChange     the change to the organisation's renter balance
 * @param hostPayableChange the change to the organisation's host payable
 */
public record LedgerEntry(Transfer transfer, Money balanceChange, Money hostPayableChange) {
    public LedgerEntry {
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(balanceChange, "balanceChange");
        Objects.requireNonNull(hostPayableChange, "hostPayableChange");
    }
}
