package dev.assay.matching.search;

/**
 * Dotted versions as comparable numbers: each part takes three decimal digits, so 12.10 (12010000) sorts
 * above 12.4 (12004000) and 550.54.15 reads as 550054015. Up to three parts of at most three digits.
 */
final class Versions {

    private Versions() {}

    /** The encoded version, or -1 when {@code text} is not such a version. Allocation-free. */
    static double encode(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        long[] parts = new long[3];
        int part = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (++digits > 3) {
                    return -1;
                }
                parts[part] = parts[part] * 10 + (ch - '0');
            } else if (ch == '.' && digits > 0 && part < 2) {
                part++;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0) {
            return -1;
        }
        return parts[0] * 1_000_000L + parts[1] * 1_000L + parts[2];
    }
}
