package dev.assay.api.accounts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling: the organisation and API key an {@code Authorization: Bearer …} header resolved to.
 *
 * <p>Controllers take it as a parameter ({@code Caller caller}): the request is then authenticated or
 * answered 401 before the controller runs. Every query a controller makes is scoped to {@link #orgId()}.
 *
 * <p>The operator key (configuration {@code assay.operator-key}) resolves to a caller with
 * {@link #operator()} true, every scope, role {@link Role#OWNER} and the pseudo organisation
 * {@link #OPERATOR_ORG_ID}, which owns nothing: operator-only endpoints check {@link #requireOperator()}.
 *
 * @param orgId    the caller's organisation ({@code org_…}), or {@link #OPERATOR_ORG_ID}
 * @param apiKeyId the key used ({@code key_…}), or {@link #OPERATOR_KEY_ID}
 * @param role     the key's role in the organisation
 * @param scopes   the key's scopes (an immutable copy)
 * @param operator whether this is the marketplace operator's configured key
 */
public record Caller(String orgId, String apiKeyId, Role role, Set<Scope> scopes, boolean operator) {

    /** The organisation id of the operator caller; no organisation has it (real ids start {@code org_}). */
    public static final String OPERATOR_ORG_ID = "operator";
    /** The key id of the operator caller. */
    public static final String OPERATOR_KEY_ID = "operator";

    public Caller {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(role, "role");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
    }

    /** The marketplace operator: every scope, no organisation. */
    static Caller operatorCaller() {
        return new Caller(OPERATOR_ORG_ID, OPERATOR_KEY_ID, Role.OWNER, EnumSet.allOf(Scope.class), true);
    }

    /** Whether the key holds {@code scope}. */
    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /**
     * Refuses the request unless the key holds {@code scope}.
     *
     * @throws ApiProblem {@link ProblemType#FORBIDDEN} naming the missing scope
     */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "this API key lacks the '" + scope.slug()
                    + "' scope (it holds: " + slugs(scopes) + ")");
        }
    }

    /**
     * Refuses the request unless the key's role is at least {@code minimum}.
     *
     * @throws ApiProblem {@link ProblemType#FORBIDDEN} naming the role needed
     */
    public void requireRole(Role minimum) {
        if (!role.atLeast(minimum)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "this needs the '" + minimum.slug()
                    + "' role or higher; this API key has the '" + role.slug() + "' role");
        }
    }

    /**
     * Refuses the request unless it comes with the operator key.
     *
     * @throws ApiProblem {@link ProblemType#FORBIDDEN}
     */
    public void requireOperator() {
        if (!operator) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "only the marketplace operator's key may do this");
        }
    }

    static String slugs(Set<Scope> scopes) {
        return scopes.isEmpty() ? "none"
                : scopes.stream().sorted().map(Scope::slug).collect(Collectors.joining(", "));
    }
}
