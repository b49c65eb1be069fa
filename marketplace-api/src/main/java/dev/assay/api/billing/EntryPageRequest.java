package dev.assay.api.billing;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of an organisation's ledger to read, newest first.
 *
 * @param limit  how many entries, 1..{@link #MAX_LIMIT}
 * @param cursor the {@link EntryPage#nextCursor()} of the previous page; empty for the newest entries
 */
public record EntryPageRequest(int limit, Optional<String> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** @throws IllegalArgumentException if the limit is out of range */
    public EntryPageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Objects.requireNonNull(cursor, "cursor");
    }

    /** The newest {@code limit} entries. */
    public static EntryPageRequest first(int limit) {
        return new EntryPageRequest(limit, Optional.empty());
    }
}
