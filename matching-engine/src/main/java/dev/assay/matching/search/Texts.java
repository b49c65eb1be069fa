package dev.assay.matching.search;

import java.util.Locale;

/** Query text is compared ignoring case, with underscores standing for spaces. */
final class Texts {

    private Texts() {}

    static String normalise(String text) {
        return text.strip().replace(' ', '_').toUpperCase(Locale.ROOT);
    }
}
