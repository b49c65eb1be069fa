package dev.assay.api.billing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of ledger entries, newest first.
 *
 * @param entries    at most the limit asked for
 * @param nextCursor where the next (older) page starts; empty on the last page. Opaque: pass it back as is.
 */
public record EntryPage(List<LedgerEntry> entries, Optional<String> nextCursor) {
    public EntryPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
