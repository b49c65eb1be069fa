package dev.assay.api.accounts;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Identifiers of accounts' rows: a type prefix and 130 random bits as 26 lower-case Crockford base32
 * characters ({@code org_1f9…}). Random rather than sequential, so ids reveal neither counts nor order
 * and cannot be guessed to probe another organisation.
 */
final class Ids {

    static final String ORG = "org";
    static final String USER = "usr";
    static final String MEMBERSHIP = "mem";
    static final String KEY = "key";

    private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int CHARS = 26;
    private static final Pattern BODY = Pattern.compile("[0-9abcdefghjkmnpqrstvwxyz]{" + CHARS + "}");

    private Ids() {}

    static String next(String prefix, SecureRandom random) {
        StringBuilder id = new StringBuilder(prefix.length() + 1 + CHARS).append(prefix).append('_');
        for (int i = 0; i < CHARS; i++) {
            id.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }

    static boolean isValid(String prefix, String id) {
        return id != null && id.length() == prefix.length() + 1 + CHARS
                && id.startsWith(prefix + "_") && BODY.matcher(id.substring(prefix.length() + 1)).matches();
    }
}
