package dev.assay.api.accounts;

import dev.assay.api.accounts.AccountsViews.AddMemberRequest;
import dev.assay.api.accounts.AccountsViews.ApiKeyView;
import dev.assay.api.accounts.AccountsViews.CreateApiKeyRequest;
import dev.assay.api.accounts.AccountsViews.CreatedApiKey;
import dev.assay.api.accounts.AccountsViews.MeResponse;
import dev.assay.api.accounts.AccountsViews.MemberView;
import dev.assay.api.accounts.AccountsViews.OrganisationView;
import dev.assay.api.accounts.AccountsViews.SignUpRequest;
import dev.assay.api.accounts.AccountsViews.SignUpResponse;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Organisations, members and API keys. Each method validates first, then checks rights, then writes in one
 * transaction: a refused request writes no row.
 *
 * <p>Rules:
 * <ul>
 *   <li>every read and write is scoped to the caller's organisation; another organisation's id is 404;</li>
 *   <li>keys and members are managed by owners and admins; a new key's scopes are a subset of the caller's,
 *       and a new key's or member's role is at most the caller's; a viewer key holds only {@code read};</li>
 *   <li>the organisation's last active owner key cannot be revoked (it would lock the organisation out);</li>
 *   <li>bounded: {@link #MAX_ACTIVE_KEYS} active keys and {@link #MAX_MEMBERS} members per organisation.</li>
 * </ul>
 * Writes that count or guard (key limits, last owner key) lock the organisation's row first, so two
 * concurrent requests cannot both pass a check that only one of them may pass.
 */
@Singleton
class AccountsService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsService.class);

    static final int MAX_ACTIVE_KEYS = 100;
    static final int MAX_MEMBERS = 1000;
    /** Listings show at most this many keys, newest first (active and revoked). */
    static final int MAX_KEYS_LISTED = 500;
    static final String OWNER_KEY_NAME = "Owner key";

    private final OrganisationRepository organisations;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final ApiKeyRepository keys;
    private final EntityManager entityManager;
    private final AccountsClock clock;
    private final SecureRandom random = new SecureRandom();

    AccountsService(OrganisationRepository organisations, UserRepository users, MembershipRepository memberships,
            ApiKeyRepository keys, EntityManager entityManager, AccountsClock clock) {
        this.organisations = organisations;
        this.users = users;
        this.memberships = memberships;
        this.keys = keys;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Creates an organisation, its owner (an existing user by that e-mail, or a new one) and an owner key. */
    @Transactional
    public SignUpResponse signUp(SignUpRequest request) {
        AccountsValidation check = new AccountsValidation();
        String name = check.name("name", request.name());
        String email = check.email("owner_email", request.ownerEmail());
        check.throwIfInvalid();

        Instant now = clock.now();
        Organisation org = organisations.save(new Organisation(Ids.next(Ids.ORG, random), name, now));
        UserAccount owner = findOrCreateUser(email, now);
        Membership membership = memberships.save(
                new Membership(Ids.next(Ids.MEMBERSHIP, random), org.getId(), owner.getId(), Role.OWNER, now));
        ApiKeyCodec.Issued issued = ApiKeyCodec.issue(Ids.next(Ids.KEY, random), random);
        ApiKey key = keys.save(new ApiKey(issued, org.getId(), owner.getId(), OWNER_KEY_NAME, Role.OWNER,
                EnumSet.allOf(Scope.class), now));
        LOG.info("event=org_signed_up org={} user={} key={}", org.getId(), owner.getId(), key.getId());
        return new SignUpResponse(OrganisationView.of(org), MemberView.of(membership, owner),
                CreatedApiKey.of(key, issued));
    }

    @Transactional(readOnly = true)
    public MeResponse me(Caller caller) {
        Organisation org = organisationOf(caller);
        ApiKey key = keys.findByIdAndOrgId(caller.apiKeyId(), org.getId())
                .orElseThrow(() -> notFound("API key " + caller.apiKeyId()));
        return new MeResponse(OrganisationView.of(org), ApiKeyView.of(key));
    }

    @Transactional
    public CreatedApiKey createKey(Caller caller, CreateApiKeyRequest request) {
        AccountsValidation check = new AccountsValidation();
        String name = check.name("name", request.name());
        Set<Scope> scopes = check.scopes("scopes", request.scopes());
        Role role = check.role("role", request.role(), Role.MEMBER);
        check.throwIfInvalid();
        Set<Scope> beyondRole = without(scopes, role.allowedScopes());
        check.check(beyondRole.isEmpty(), "scopes", "a " + role.slug() + " key may hold only "
                + Caller.slugs(role.allowedScopes()) + "; not " + Caller.slugs(beyondRole));
        check.throwIfInvalid();

        Organisation org = organisationOf(caller);
        caller.requireRole(Role.ADMIN);
        Set<Scope> beyondCaller = without(scopes, caller.scopes());
        if (!beyondCaller.isEmpty()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "a new key's scopes must be among this key's ("
                    + Caller.slugs(caller.scopes()) + "); not " + Caller.slugs(beyondCaller),
                    Map.of("scopes", "not held by this key: " + Caller.slugs(beyondCaller)));
        }
        if (!caller.role().atLeast(role)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "a new key's role must be at most this key's ('"
                    + caller.role().slug() + "'); not '" + role.slug() + "'",
                    Map.of("role", "above this key's role"));
        }
        lock(org);
        if (keys.countByOrgIdAndRevokedAtIsNull(org.getId()) >= MAX_ACTIVE_KEYS) {
            throw new ApiProblem(ProblemType.CONFLICT, "the organisation already has " + MAX_ACTIVE_KEYS
                    + " active API keys, the most it may hold: revoke one first");
        }
        String creator = keys.findByIdAndOrgId(caller.apiKeyId(), org.getId())
                .map(ApiKey::getCreatedByUserId)
                .orElseThrow(() -> notFound("API key " + caller.apiKeyId()));
        ApiKeyCodec.Issued issued = ApiKeyCodec.issue(Ids.next(Ids.KEY, random), random);
        ApiKey key = keys.save(new ApiKey(issued, org.getId(), creator, name, role, scopes, clock.now()));
        LOG.info("event=api_key_created org={} key={} by_key={} role={} scopes={}", org.getId(), key.getId(),
                caller.apiKeyId(), role.slug(), Caller.slugs(scopes).replace(" ", ""));
        return CreatedApiKey.of(key, issued);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyView> listKeys(Caller caller) {
        caller.require(Scope.READ);
        Organisation org = organisationOf(caller);
        Pageable newestFirst = Pageable.from(0, MAX_KEYS_LISTED,
                Sort.of(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        return keys.findByOrgId(org.getId(), newestFirst).stream().map(ApiKeyView::of).toList();
    }

    /** Revokes a key of the caller's organisation; revoking a revoked key again is a no-op. */
    @Transactional
    public void revokeKey(Caller caller, String keyId) {
        Organisation org = organisationOf(caller);
        caller.requireRole(Role.ADMIN);
        lock(org);
        ApiKey key = keys.findByIdAndOrgId(keyId, org.getId()).orElseThrow(() -> notFound("API key " + keyId));
        if (key.revoked()) {
            return;
        }
        if (!caller.role().atLeast(key.role())) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "a '" + caller.role().slug()
                    + "' key cannot revoke a '" + key.role().slug() + "' key");
        }
        if (key.role() == Role.OWNER
                && keys.countByOrgIdAndKeyRoleAndRevokedAtIsNull(org.getId(), Role.OWNER.name()) <= 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "this is the organisation's last active owner key: "
                    + "create another owner key before revoking it");
        }
        key.revoke(clock.now());
        keys.update(key);
        LOG.info("event=api_key_revoked org={} key={} by_key={}", org.getId(), key.getId(), caller.apiKeyId());
    }

    @Transactional(readOnly = true)
    public List<MemberView> listMembers(Caller caller) {
        caller.require(Scope.READ);
        Organisation org = organisationOf(caller);
        Pageable oldestFirst = Pageable.from(0, MAX_MEMBERS,
                Sort.of(Sort.Order.asc("createdAt"), Sort.Order.asc("id")));
        List<Membership> members = memberships.findByOrgId(org.getId(), oldestFirst);
        Map<String, UserAccount> byId = users.findByIdIn(members.stream().map(Membership::getUserId).toList())
                .stream().collect(Collectors.toMap(UserAccount::getId, Function.identity()));
        return members.stream().map(m -> MemberView.of(m, byId.get(m.getUserId()))).toList();
    }

    /** Adds a user (found or created by e-mail) to the caller's organisation with a role. */
    @Transactional
    public MemberView addMember(Caller caller, AddMemberRequest request) {
        AccountsValidation check = new AccountsValidation();
        String email = check.email("email", request.email());
        Role role = check.role("role", request.role(), Role.MEMBER);
        check.throwIfInvalid();

        Organisation org = organisationOf(caller);
        caller.requireRole(Role.ADMIN);
        if (!caller.role().atLeast(role)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "a new member's role must be at most this key's ('"
                    + caller.role().slug() + "'); not '" + role.slug() + "'", Map.of("role", "above this key's role"));
        }
        lock(org);
        if (memberships.countByOrgId(org.getId()) >= MAX_MEMBERS) {
            throw new ApiProblem(ProblemType.CONFLICT, "the organisation already has " + MAX_MEMBERS
                    + " members, the most it may hold");
        }
        Instant now = clock.now();
        UserAccount user = findOrCreateUser(email, now);
        if (memberships.findByOrgIdAndUserId(org.getId(), user.getId()).isPresent()) {
            throw new ApiProblem(ProblemType.CONFLICT, email + " is already a member of this organisation",
                    Map.of("email", "already a member"));
        }
        Membership membership = memberships.save(
                new Membership(Ids.next(Ids.MEMBERSHIP, random), org.getId(), user.getId(), role, now));
        LOG.info("event=member_added org={} user={} role={} by_key={}", org.getId(), user.getId(), role.slug(),
                caller.apiKeyId());
        return MemberView.of(membership, user);
    }

    private UserAccount findOrCreateUser(String email, Instant now) {
        return users.findByEmail(email).orElseGet(() -> users.save(new UserAccount(Ids.next(Ids.USER, random),
                email, now)));
    }

    /**
     * The caller's organisation. The operator key belongs to none, so organisation endpoints refuse it
     * rather than act on a pseudo organisation.
     */
    private Organisation organisationOf(Caller caller) {
        if (caller.operator()) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "the operator key belongs to no organisation: call with one of the organisation's keys");
        }
        return organisations.findById(caller.orgId()).orElseThrow(() -> notFound("organisation " + caller.orgId()));
    }

    /** Serialises guarded writes of one organisation (counts, last owner key) across instances. */
    private void lock(Organisation org) {
        entityManager.lock(org, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Set<Scope> without(Set<Scope> scopes, Set<Scope> allowed) {
        EnumSet<Scope> beyond = EnumSet.noneOf(Scope.class);
        beyond.addAll(scopes);
        beyond.removeAll(allowed);
        return beyond;
    }

    private static ApiProblem notFound(String what) {
        return new ApiProblem(ProblemType.NOT_FOUND, what + " was not found in this organisation");
    }
}
