package dev.assay.api.hosts;

import dev.assay.api.market.MarketClock;
import dev.assay.api.sql.NativeColumns;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One-use tokens an agent presents to enroll a machine for an organisation. The token is shown once, at
 * creation; only its SHA-256 is stored, so a database leak enrolls nothing. Redeeming is the agent
 * session's job (issue [4]); this class creates and lists them.
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

    private final EntityManager entityManager;
    private final MarketClock clock;

    EnrollmentTokens(EntityManager entityManager, MarketClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A created token: {@code token} is the secret, never stored nor shown again. */
    record Created(String id, String token, Instant createdAt, Instant expiresAt) {}

    /** A stored token as listed: never the secret. */
    record Listed(String id, Instant createdAt, Instant expiresAt, Instant usedAt, String hostId) {}

    /** @return empty when the organisation already has {@link #MAX_ACTIVE} unused, unexpired tokens */
    @Transactional
    java.util.Optional<Created> create(String orgId, Duration lifetime) {
        Instant now = clock.now();
        long active = ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM enrollment_tokens"
                + " WHERE org_id = :org AND used_at IS NULL AND expires_at > :now")
                .setParameter("org", orgId).setParameter("now", now).getSingleResult()).longValue();
        if (active >= MAX_ACTIVE) {
            return java.util.Optional.empty();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Created created = new Created(HostIds.next(HostIds.TOKEN), token, now, now.plus(lifetime));
        entityManager.createNativeQuery("INSERT INTO enrollment_tokens (id, org_id, token_sha256, created_at,"
                + " expires_at) VALUES (:id, :org, :hash, :created, :expires)")
                .setParameter("id", created.id()).setParameter("org", orgId).setParameter("hash", sha256(token))
                .setParameter("created", created.createdAt()).setParameter("expires", created.expiresAt())
                .executeUpdate();
        return java.util.Optional.of(created);
    }

    @Transactional(readOnly = true)
    List<Listed> list(String orgId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT id, created_at, expires_at, used_at, host_id"
                + " FROM enrollment_tokens WHERE org_id = :org ORDER BY created_at DESC, id LIMIT " + MAX_LISTED)
                .setParameter("org", orgId).getResultList();
        List<Listed> listed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            listed.add(new Listed((String) r[0], NativeColumns.instant(r[1]), NativeColumns.instant(r[2]),
                    NativeColumns.instant(r[3]), (String) r[4]));
        }
        return listed;
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
