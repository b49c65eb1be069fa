package dev.assay.api.hosts;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Ids of host rows: a type prefix and 130 random bits as 26 lower-case Crockford base32 characters
 * ({@code hst_1f9…}), so ids reveal neither counts nor order.
 */
final class HostIds {

    static final String HOST = "hst";
    static final String TOKEN = "ent";
    static final String BENCHMARK = "bmk";
    static final String FAILURE = "hfl";

    private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int CHARS = 26;
    private static final Pattern ID = Pattern.compile("[a-z]{3}_[0-9abcdefghjkmnpqrstvwxyz]{" + CHARS + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private HostIds() {}

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 1 + CHARS).append(prefix).append('_');
        for (int i = 0; i < CHARS; i++) {
            id.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }

    /**
     * The id of the {@code n}th machine of a seeded fleet: the shape of {@link #next}, but the same seed and place
     * give the same id on every run, so a replayed fleet is the same market down to its ids (and the placement
     * tie-breaks that follow id order). Never for machines that join by themselves.
     */
    static String derived(String prefix, long seed, long n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ (n * 0x9E37_79B9_7F4A_7C15L));
        StringBuilder id = new StringBuilder(prefix.length() + 1 + CHARS).append(prefix).append('_');
        for (int i = 0; i < CHARS; i++) {
            id.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }

    /** Whether {@code id} has the shape of an id of this kind (a malformed id is simply not found). */
    static boolean looksLike(String prefix, String id) {
        return id != null && id.startsWith(prefix + "_") && ID.matcher(id).matches();
    }
}
