package dev.assay.api.paging;

import dev.assay.api.problem.RequestValues;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a newest-first page ends: the last row's time and id. Keyset paging ({@code (created_at, id) <
 * (at, id)}) so a page never repeats or skips a row when new ones arrive. Opaque to clients: they pass
 * {@code next_cursor} back unchanged.
 */
public record PageCursor(Instant at, String id) {

    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param idPrefix the prefix every id of this listing has ({@code tr_}, {@code pod_})
     * @throws IllegalArgumentException if the text is not a cursor made by {@link #encode()} for such ids
     */
    public static PageCursor decode(String text, String idPrefix) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", 3);
            if (parts.length != 3 || !parts[2].startsWith(idPrefix) || parts[2].length() > 40) {
                throw new IllegalArgumentException("bad cursor shape");
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (at.isBefore(RequestValues.EARLIEST) || at.isAfter(RequestValues.LATEST)) {
                throw new IllegalArgumentException("cursor time out of range");
            }
            return new PageCursor(at, parts[2]);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("cursor is not one this API returned: pass next_cursor back unchanged");
        }
    }
}
