package dev.assay.api.accounts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's (and an API key's) role in one organisation, from most to least powerful.
 *
 * <p>The role governs administration of the organisation; {@link Scope scopes} govern which areas of the
 * API a key may touch:
 * <ul>
 *   <li>{@link #OWNER}: everything, including granting the owner role;</li>
 *   <li>{@link #ADMIN}: manages API keys and members up to the admin role;</li>
 *   <li>{@link #MEMBER}: uses the API within its key's scopes; manages nothing;</li>
 *   <li>{@link #VIEWER}: read only: a viewer key holds no scope but {@link Scope#READ}.</li>
 * </ul>
 * In JSON a role is its lower-case name ({@code "owner"}).
 */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER;

    /** Whether this role has at least the rights of {@code other} (OWNER ≥ ADMIN ≥ MEMBER ≥ VIEWER). */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** The scopes a key of this role may hold. */
    public Set<Scope> allowedScopes() {
        return this == VIEWER ? EnumSet.of(Scope.READ) : EnumSet.allOf(Scope.class);
    }

    /** The name used in JSON and in the database: {@code "owner"}, {@code "admin"}... */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code slug} (case-insensitive), or empty when there is none of that name. */
    public static Optional<Role> fromSlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(slug.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
