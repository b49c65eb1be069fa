package dev.assay.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The JSON of the accounts endpoints (snake_case). Entities never leave the persistence adapter: these
 * records are what requests carry and responses show. Times are ISO-8601 UTC strings; roles and scopes
 * lower-case names. No view but {@link CreatedApiKey} ever holds a key's secret.
 */
final class AccountsViews {

    private AccountsViews() {}

    /** {@code POST /v1/orgs}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SignUpRequest(@Nullable String name, @Nullable String ownerEmail) {}

    /** {@code POST /v1/api-keys}. {@code role} defaults to {@code member}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreateApiKeyRequest(@Nullable String name, @Nullable List<String> scopes, @Nullable String role) {}

    /** {@code POST /v1/members}. {@code role} defaults to {@code member}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record AddMemberRequest(@Nullable String email, @Nullable String role) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record OrganisationView(String id, String name, String createdAt) {
        static OrganisationView of(Organisation org) {
            return new OrganisationView(org.getId(), org.getName(), iso(org.getCreatedAt()));
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record MemberView(String userId, String email, String role, String joinedAt) {
        static MemberView of(Membership membership, UserAccount user) {
            return new MemberView(user.getId(), user.getEmail(), membership.role().slug(),
                    iso(membership.getCreatedAt()));
        }
    }

    /** A key as listings show it: its display prefix, never its secret. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ApiKeyView(String id, String name, String role, List<String> scopes, String prefix,
            String createdByUserId, String createdAt, @Nullable String lastUsedAt, @Nullable String revokedAt) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.getId(), key.getName(), key.role().slug(), slugs(key.scopeSet()),
                    key.getDisplayPrefix(), key.getCreatedByUserId(), iso(key.getCreatedAt()),
                    isoOrNull(key.getLastUsedAt()), isoOrNull(key.getRevokedAt()));
        }
    }

    /** A key just created: the only answer that ever carries the whole key, in {@code key}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreatedApiKey(String id, String name, String role, List<String> scopes, String prefix,
            String createdByUserId, String createdAt, String key) {
        static CreatedApiKey of(ApiKey row, ApiKeyCodec.Issued issued) {
            return new CreatedApiKey(row.getId(), row.getName(), row.role().slug(), slugs(row.scopeSet()),
                    row.getDisplayPrefix(), row.getCreatedByUserId(), iso(row.getCreatedAt()), issued.plaintext());
        }

        @Override
        public String toString() {
            return "CreatedApiKey[id=" + id + ", prefix=" + prefix + "]"; // never log the key
        }
    }

    /** {@code POST /v1/orgs} answer: the organisation, its owner and the owner's key (shown once). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record SignUpResponse(OrganisationView organisation, MemberView owner, CreatedApiKey apiKey) {}

    /** {@code GET /v1/orgs/me}: the caller's organisation and the key it called with. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record MeResponse(OrganisationView organisation, ApiKeyView apiKey) {}

    @Serdeable
    record ApiKeyList(List<ApiKeyView> items) {}

    @Serdeable
    record MemberList(List<MemberView> items) {}

    static List<String> slugs(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::slug).toList();
    }

    static String iso(Instant at) {
        return at.toString();
    }

    static String isoOrNull(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}
