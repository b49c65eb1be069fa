package dev.assay.api.sql;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Values of native-query columns as Java types. Drivers answer the same column differently (PostgreSQL's
 * timestamptz as OffsetDateTime or Timestamp, H2's as Instant or OffsetDateTime, counts as Long or
 * BigInteger), so every native read goes through here rather than casting in place.
 */
public final class NativeColumns {

    private NativeColumns() {}

    public static Instant instant(Object column) {
        return switch (column) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime t -> t.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + column.getClass());
        };
    }

    public static long whole(Object column) {
        return ((Number) column).longValue();
    }
}
