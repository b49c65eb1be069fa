package dev.assay.api.pods;

import java.security.SecureRandom;

/** Ids of pods and their events: a type prefix and 130 random bits as 26 Crockford base32 characters. */
final class PodIds {

    private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PodIds() {}

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 27).append(prefix).append('_');
        for (int i = 0; i < 26; i++) {
            id.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }
}
