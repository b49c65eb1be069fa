package dev.assay.api.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's role in one organisation (persistence only). */
@Entity
@Table(name = "memberships")
class Membership {

    @Id
    @Column(name = "id", length = 40)
    private String id;

    @Column(name = "org_id", nullable = false, length = 40)
    private String orgId;

    @Column(name = "user_id", nullable = false, length = 40)
    private String userId;

    // A plain string column (not @Enumerated): Hibernate would validate an enum against a native ENUM type on H2.
    @Column(name = "member_role", nullable = false, length = 16)
    private String memberRole;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Membership() {}

    Membership(String id, String orgId, String userId, Role role, Instant createdAt) {
        this.id = id;
        this.orgId = orgId;
        this.userId = userId;
        this.memberRole = role.name();
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getUserId() {
        return userId;
    }

    public String getMemberRole() {
        return memberRole;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    Role role() {
        return Role.valueOf(memberRole);
    }
}
