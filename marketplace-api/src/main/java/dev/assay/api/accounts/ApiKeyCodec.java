package dev.assay.api.accounts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API key format: {@code assay_<keyId>_<secret>}, e.g. {@code assay_key_0123…_Xy9…}.
 *
 * <ul>
 *   <li>{@code keyId} is the key's public id ({@code key_} + 26 base32 characters), used to find its row;</li>
 *   <li>{@code secret} is 32 bytes (256 bits) from {@link SecureRandom}, written as exactly 43 base62
 *       characters (so it contains no {@code _} and splits unambiguously at the last {@code _}).</li>
 * </ul>
 * Only the SHA-256 of the secret is stored. A plain (unsalted, fast) hash is enough here because the secret
 * has 256 bits of entropy: there is nothing to brute-force. Hashes are compared with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference lies.
 */
final class ApiKeyCodec {

    static final String PREFIX = "assay_";
    static final int SECRET_BYTES = 32;
    /** 62^43 > 2^256, so 43 base62 characters hold any 32-byte secret. */
    static final int SECRET_CHARS = 43;
    /** How many secret characters the display prefix shows, so people can tell keys apart. */
    static final int SHOWN_SECRET_CHARS = 4;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
    private static final Pattern SECRET = Pattern.compile("[0-9A-Za-z]{" + SECRET_CHARS + "}");
    private static final int MAX_KEY_CHARS = 128;

    private ApiKeyCodec() {}

    /** A key as presented by a client, split into its id and secret. */
    record Presented(String keyId, String secret) {}

    /**
     * A freshly issued key.
     *
     * @param plaintext       the whole key, shown to the client once and never stored
     * @param displayPrefix   what listings show: {@code assay_<keyId>_} and the first secret characters
     * @param secretSha256Hex what is stored
     */
    record Issued(String keyId, String plaintext, String displayPrefix, String secretSha256Hex) {

        @Override
        public String toString() {
            return "Issued[keyId=" + keyId + ", displayPrefix=" + displayPrefix + "]"; // never log the secret
        }
    }

    /** Issues a new key with the given id and a fresh secret. */
    static Issued issue(String keyId, SecureRandom random) {
        if (!Ids.isValid(Ids.KEY, keyId)) {
            throw new IllegalArgumentException("keyId must be a key id (key_…), got " + keyId);
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = base62(bytes);
        String head = PREFIX + keyId + "_";
        return new Issued(keyId, head + secret, head + secret.substring(0, SHOWN_SECRET_CHARS) + "…",
                sha256Hex(secret));
    }

    /** Splits a presented key; empty when it is not in the key format at all. */
    static Optional<Presented> parse(String key) {
        if (key == null || key.length() > MAX_KEY_CHARS || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int split = key.lastIndexOf('_');
        if (split <= PREFIX.length()) {
            return Optional.empty();
        }
        String keyId = key.substring(PREFIX.length(), split);
        String secret = key.substring(split + 1);
        if (!Ids.isValid(Ids.KEY, keyId) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Presented(keyId, secret));
    }

    /** Whether {@code secret} hashes to {@code expectedSha256Hex}, compared in constant time. */
    static boolean matches(String secret, String expectedSha256Hex) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(expectedSha256Hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), expected);
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Fixed-width base62 (leading zeros kept), so every secret has exactly {@link #SECRET_CHARS} characters. */
    static String base62(byte[] bytes) {
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[SECRET_CHARS];
        for (int i = SECRET_CHARS - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(out);
    }
}
