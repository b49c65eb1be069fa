package dev.assay.api.accounts;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The marketplace operator's key, from configuration {@code assay.operator-key} (environment
 * {@code ASSAY_OPERATOR_KEY}). When it is unset or blank nobody has operator access. Only its SHA-256 is
 * kept in memory, and a presented key is compared by hash in constant time.
 *
 * <p>Made when the application starts ({@code @Context}), not on the first request, so a key that is too short
 * stops the start with its message instead of answering every request with a 500 (a load test found that).
 */
@Context
final class OperatorKey {

    /** Short operator keys are guessable: refuse to start with one. */
    static final int MIN_CHARS = 32;

    private final Optional<byte[]> sha256;

    OperatorKey(@Nullable @Value("${assay.operator-key:}") String configured) {
        if (configured == null || configured.isBlank()) {
            this.sha256 = Optional.empty();
        } else {
            String key = configured.strip();
            if (key.length() < MIN_CHARS) {
                throw new ConfigurationException("assay.operator-key (ASSAY_OPERATOR_KEY) must be at least "
                        + MIN_CHARS + " characters long; it has " + key.length());
            }
            this.sha256 = Optional.of(ApiKeyCodec.sha256(key));
        }
    }

    boolean configured() {
        return sha256.isPresent();
    }

    boolean matches(String presented) {
        return sha256.map(expected -> MessageDigest.isEqual(expected, ApiKeyCodec.sha256(presented)))
                .orElse(false);
    }
}
