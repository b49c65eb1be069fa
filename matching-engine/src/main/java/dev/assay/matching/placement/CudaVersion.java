package dev.assay.matching.placement;

/**
 * A CUDA version such as 12.4: a pod built for it runs on a host whose driver supports this version or a
 * later one.
 *
 * @param major at least 1
 * @param minor not negative
 */
public record CudaVersion(int major, int minor) implements Comparable<CudaVersion> {

    public CudaVersion {
        if (major < 1 || minor < 0 || major > 999 || minor > 999) {
            throw new IllegalArgumentException("a CUDA version is MAJOR.MINOR with numbers 0..999, major >= 1; got "
                    + major + "." + minor);
        }
    }

    /**
     * Reads "12.4", "12" (12.0) or "12.4.1" (the patch level does not matter for compatibility).
     *
     * @throws IllegalArgumentException if the text is not such a version
     */
    public static CudaVersion parse(String text) {
        int encoded = encode(text);
        if (encoded < 0) {
            throw new IllegalArgumentException("minCudaVersion must look like \"12.4\", was \"" + text + "\"");
        }
        return new CudaVersion(encoded / 1000, encoded % 1000);
    }

    /**
     * Whether a driver whose highest supported CUDA version is {@code driverCudaVersion} (host text such as
     * "12.4") runs code built for this version. A host version that cannot be read runs nothing.
     * Allocation-free: it runs once per candidate host.
     */
    public boolean isRunBy(String driverCudaVersion) {
        int host = encode(driverCudaVersion);
        return host >= 0 && host >= major * 1000 + minor;
    }

    /** This version encoded as a host's is by {@link #encodeHostVersion}: a host runs it when its code is at least this. */
    int code() {
        return major * 1000 + minor;
    }

    /**
     * A host's CUDA version text encoded once for the placement columns: major × 1000 + minor, or -1 when it
     * cannot be read (such a host runs nothing, as in {@link #isRunBy}).
     */
    static int encodeHostVersion(String driverCudaVersion) {
        return encode(driverCudaVersion);
    }

    @Override
    public int compareTo(CudaVersion other) {
        return Integer.compare(major * 1000 + minor, other.major * 1000 + other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    /** major × 1000 + minor, or -1 if {@code text} is not MAJOR[.MINOR[.PATCH]] with parts of 1..3 digits. */
    private static int encode(String text) {
        if (text == null) {
            return -1;
        }
        int major = 0;
        int minor = 0;
        int part = 0; // 0: major, 1: minor, 2: patch (read and ignored)
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return -1;
                }
                if (part == 0) {
                    major = major * 10 + (c - '0');
                } else if (part == 1) {
                    minor = minor * 10 + (c - '0');
                }
            } else if (c == '.' && digits > 0 && part < 2) {
                part++;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0 || major < 1) {
            return -1;
        }
        return major * 1000 + minor;
    }
}
