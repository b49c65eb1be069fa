package dev.assay.api.hosts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code enrollment_tokens} (persistence only): the SHA-256 of a token, never the token. Redeeming
 * it (setting {@code used_at} and {@code host_id}) is the agent session's job: it must be a conditional
 * {@code UPDATE ... WHERE used_at IS NULL} so a token enrolls one machine only, not a save of this entity.
 */
@Entity
@Table(name = "enrollment_tokens")
@DynamicUpdate
class EnrollmentTokenRow {

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "org_id", nullable = false, length = 40, updatable = false)
    private String orgId;

    @Column(name = "token_sha256", nullable = false, length = 64, updatable = false)
    private String tokenSha256;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "host_id", length = 40)
    private String hostId;

    @Column(name = "host_name", length = 100, updatable = false)
    private String hostName;

    @Column(name = "tier", nullable = false, length = 16, updatable = false)
    private String tier;

    @Column(name = "region", nullable = false, length = 64, updatable = false)
    private String region;

    @Column(name = "datacenter", nullable = false, length = 64, updatable = false)
    private String datacenter;

    @Column(name = "geolocation", nullable = false, length = 2, updatable = false)
    private String geolocation;

    @Column(name = "assigned_host_id", length = 40)
    private String assignedHostId;

    protected EnrollmentTokenRow() {}

    EnrollmentTokenRow(String id, String orgId, String tokenSha256, Instant createdAt, Instant expiresAt,
            HostPlacement placement) {
        this.id = id;
        this.orgId = orgId;
        this.tokenSha256 = tokenSha256;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.hostName = placement.name().isEmpty() ? null : placement.name();
        this.tier = placement.tier().name();
        this.region = placement.region();
        this.datacenter = placement.datacenter();
        this.geolocation = placement.geolocation();
    }

    /** Where the owner said the machine stands. */
    HostPlacement placement() {
        return new HostPlacement(hostName == null ? "" : hostName, dev.assay.matching.inventory.Tier.valueOf(tier),
                region, datacenter, geolocation);
    }

    public String getAssignedHostId() {
        return assignedHostId;
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getTokenSha256() {
        return tokenSha256;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getUsedAt() {
        return usedAt;
    }

    public String getHostId() {
        return hostId;
    }
}
