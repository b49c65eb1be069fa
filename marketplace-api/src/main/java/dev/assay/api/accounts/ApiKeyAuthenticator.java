package dev.assay.api.accounts;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a presented credential into a {@link Caller}: the operator key when configured and matching, else
 * an organisation's API key that exists, is not revoked and whose secret hashes to the stored hash.
 * Every failure is the same empty answer, so a client cannot tell an unknown key from a wrong secret.
 */
@Singleton
class ApiKeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    /** How stale {@code last_used_at} may get: a busy key writes its row once a minute, not per request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final OperatorKey operatorKey;
    private final AccountsClock clock;

    ApiKeyAuthenticator(ApiKeyRepository keys, OperatorKey operatorKey, AccountsClock clock) {
        this.keys = keys;
        this.operatorKey = operatorKey;
        this.clock = clock;
    }

    @Transactional
    public Optional<Caller> authenticate(String credential) {
        if (operatorKey.matches(credential)) {
            return Optional.of(Caller.operatorCaller());
        }
        Optional<ApiKeyCodec.Presented> presented = ApiKeyCodec.parse(credential);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> found = keys.findById(presented.get().keyId());
        if (found.isEmpty() || !ApiKeyCodec.matches(presented.get().secret(), found.get().getSecretSha256())) {
            LOG.info("event=auth_rejected reason=unknown_key_or_secret key={}", presented.get().keyId());
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (key.revoked()) {
            LOG.info("event=auth_rejected reason=revoked key={} org={}", key.getId(), key.getOrgId());
            return Optional.empty();
        }
        if (key.touch(clock.now(), LAST_USED_RESOLUTION)) {
            keys.update(key);
        }
        return Optional.of(new Caller(key.getOrgId(), key.getId(), key.role(), key.scopeSet(), false));
    }
}
