package dev.assay.api.hosts;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Spends an enrollment token: the agent's side of {@link EnrollmentTokens}. A token is good once, before it
 * expires; the spend is one conditional UPDATE, so two agents racing with the same token cannot both win. The
 * machine gets its host id here; its row is written when the agent first says what the machine is.
 */
@Singleton
public class EnrollmentRedemption {

    /** A spent token: the organisation the machine joins and the id the machine will have. */
    public record Redeemed(String tokenId, String orgId, String hostId) {}

    private final EntityManager entityManager;

    EnrollmentRedemption(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Spends {@code token} at {@code now}, joining the caller's transaction, so a failure later in it (a
     * certificate that cannot be issued) leaves the token unspent.
     *
     * @return empty for a token that is unknown, spent or expired (which of them is not said)
     */
    @Transactional
    public Optional<Redeemed> redeem(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = EnrollmentTokens.sha256(token);
        String hostId = HostIds.next(HostIds.HOST);
        int spent = entityManager.createNativeQuery("UPDATE enrollment_tokens SET used_at = :now, assigned_host_id = :host"
                        + " WHERE token_sha256 = :hash AND used_at IS NULL AND expires_at > :now")
                .setParameter("now", now).setParameter("host", hostId).setParameter("hash", hash).executeUpdate();
        if (spent != 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT id, org_id FROM enrollment_tokens WHERE token_sha256 = :hash")
                .setParameter("hash", hash).getResultList();
        Object[] row = rows.getFirst();
        return Optional.of(new Redeemed((String) row[0], (String) row[1], hostId));
    }
}
