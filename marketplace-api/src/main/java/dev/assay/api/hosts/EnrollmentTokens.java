package dev.assay.api.hosts;

import dev.assay.api.market.MarketClock;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One-use tokens an agent presents to enroll a machine for an organisation. The token is shown once, at
 * creation; only its SHA-256 is stored, so a database leak enrolls nothing. This class creates and lists
 * them; {@link EnrollmentRedemption} spends one when an agent enrolls.
 */
@Singleton
class EnrollmentTokens {

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
    static final Duration MAX_LIFETIME = Duration.ofDays(7);
    /** Bound on the tokens one organisation may have waiting, so a loop cannot fill the table. */
    static final int MAX_ACTIVE = 100;
    /** Bound on the tokens one list answer carries (newest first). */
    static final int MAX_LISTED = 200;

    private static final String PREFIX = "assay_enroll_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EnrollmentTokenRowRepository tokens;
    private final MarketClock clock;

    EnrollmentTokens(EnrollmentTokenRowRepository tokens, MarketClock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A created token: {@code token} is the secret, never stored nor shown again. */
    record Created(String id, String token, Instant createdAt, Instant expiresAt) {}

    /** A stored token as listed: never the secret. */
    record Listed(String id, Instant createdAt, Instant expiresAt, Instant usedAt, String hostId) {}

    /** @return empty when the organisation already has {@link #MAX_ACTIVE} unused, unexpired tokens */
    @Transactional
    java.util.Optional<Created> create(String orgId, Duration lifetime, HostPlacement placement) {
        HostRules.checkPlacement(placement);
        Instant now = clock.now();
        long active = tokens.countByOrgIdAndUsedAtIsNullAndExpiresAtGreaterThan(orgId, now);
        if (active >= MAX_ACTIVE) {
            return java.util.Optional.empty();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Created created = new Created(HostIds.next(HostIds.TOKEN), token, now, now.plus(lifetime));
        tokens.save(new EnrollmentTokenRow(created.id(), orgId, sha256(token), created.createdAt(),
                created.expiresAt(), placement));
        return java.util.Optional.of(created);
    }

    /** The organisation's tokens, newest first, at most {@link #MAX_LISTED}. */
    @Transactional(readOnly = true)
    List<Listed> list(String orgId) {
        return tokens.findByOrgId(orgId, Pageable.from(0, MAX_LISTED,
                        Sort.of(Sort.Order.desc("createdAt"), Sort.Order.asc("id")))).stream()
                .map(t -> new Listed(t.getId(), t.getCreatedAt(), t.getExpiresAt(), t.getUsedAt(), t.getHostId()))
                .toList();
    }

    /** The stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes. */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
