package dev.assay.api.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An API key of an organisation (persistence only). Holds the SHA-256 of the secret, never the secret.
 * A revoked key stays as a row (with {@code revokedAt}) so listings and audits can still name it.
 */
@Entity
@Table(name = "api_keys")
// Updates write only the columns that changed. Authentication records a key's last use from an entity it
// read before a concurrent revocation committed; a full-row update would have written revoked_at back to
// null and un-revoked the key (two racing revocations of the last two owner keys both "succeeded").
@DynamicUpdate
class ApiKey {

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "org_id", nullable = false, length = 40)
    private String orgId;

    @Column(name = "created_by_user_id", nullable = false, length = 40)
    private String createdByUserId;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "key_role", nullable = false, length = 16)
    private String keyRole;

    @Column(name = "scopes", nullable = false, length = 100)
    private String scopes;

    @Column(name = "display_prefix", nullable = false, length = 100)
    private String displayPrefix;

    @Column(name = "secret_sha256", nullable = false, length = 64)
    private String secretSha256;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiKey() {}

    ApiKey(ApiKeyCodec.Issued issued, String orgId, String createdByUserId, String name, Role role,
            Set<Scope> scopes, Instant createdAt) {
        this.id = issued.keyId();
        this.orgId = orgId;
        this.createdByUserId = createdByUserId;
        this.name = name;
        this.keyRole = role.name();
        this.scopes = scopes.stream().sorted().map(Scope::name).collect(Collectors.joining(","));
        this.displayPrefix = issued.displayPrefix();
        this.secretSha256 = issued.secretSha256Hex();
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getCreatedByUserId() {
        return createdByUserId;
    }

    public String getName() {
        return name;
    }

    public String getKeyRole() {
        return keyRole;
    }

    public String getScopes() {
        return scopes;
    }

    public String getDisplayPrefix() {
        return displayPrefix;
    }

    public String getSecretSha256() {
        return secretSha256;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    Role role() {
        return Role.valueOf(keyRole);
    }

    Set<Scope> scopeSet() {
        EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
        if (!scopes.isEmpty()) {
            Arrays.stream(scopes.split(",")).map(Scope::valueOf).forEach(set::add);
        }
        return set;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /** Records a use, at most once per {@code resolution}, so that authentication rarely writes. */
    boolean touch(Instant at, Duration resolution) {
        if (lastUsedAt == null || !lastUsedAt.plus(resolution).isAfter(at)) {
            lastUsedAt = at;
            return true;
        }
        return false;
    }
}
