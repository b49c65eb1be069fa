package dev.assay.reputation.challenge;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest (32 bytes): a row hash, a Merkle node or a root. Immutable; equal by content. */
public final class Digest {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A digest from its 32 bytes (copied).
     *
     * @throws IllegalArgumentException if there are not exactly 32 bytes
     */
    public static Digest of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a digest must be " + LENGTH + " bytes, was "
                    + (bytes == null ? "null" : bytes.length));
        }
        return new Digest(bytes.clone());
    }

    /** A digest from 64 hex digits. */
    public static Digest ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static Digest wrap(byte[] ownedBytes) {
        return new Digest(ownedBytes);
    }

    void feed(MessageDigest sha) {
        sha.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && MessageDigest.isEqual(bytes, digest.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
