package dev.assay.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of callers, roles, scopes, public routes and the operator key, without a server. */
class CallerTest {

    @Test
    void requireRefusesAMissingScopeWith403NamingIt() {
        Caller caller = new Caller("org_x", "key_x", Role.MEMBER, EnumSet.of(Scope.READ, Scope.PODS), false);

        assertThatCode(() -> caller.require(Scope.PODS)).doesNotThrowAnyException();
        assertThatThrownBy(() -> caller.require(Scope.BILLING))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN);
                    assertThat(p.detail()).contains("'billing'").contains("read, pods");
                });
    }

    @Test
    void requireRoleAndRequireOperatorRefuseWith403() {
        Caller admin = new Caller("org_x", "key_x", Role.ADMIN, EnumSet.allOf(Scope.class), false);

        assertThatCode(() -> admin.requireRole(Role.MEMBER)).doesNotThrowAnyException();
        assertThatCode(() -> admin.requireRole(Role.ADMIN)).doesNotThrowAnyException();
        assertThatThrownBy(() -> admin.requireRole(Role.OWNER)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
        assertThatThrownBy(admin::requireOperator).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
        assertThatCode(() -> Caller.operatorCaller().requireOperator()).doesNotThrowAnyException();
    }

    @Test
    void theCallersScopesCannotBeChangedAfterwards() {
        Set<Scope> scopes = new HashSet<>(Set.of(Scope.READ));
        Caller caller = new Caller("org_x", "key_x", Role.VIEWER, scopes, false);

        scopes.add(Scope.BILLING);

        assertThat(caller.scopes()).containsExactly(Scope.READ);
        assertThatThrownBy(() -> caller.scopes().add(Scope.PODS)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rolesAreOrderedFromOwnerToViewer() {
        for (Role a : Role.values()) {
            for (Role b : Role.values()) {
                assertThat(a.atLeast(b)).as(a + " >= " + b).isEqualTo(a.ordinal() <= b.ordinal());
            }
        }
        assertThat(Role.OWNER.atLeast(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.MEMBER)).isFalse();
        assertThat(Role.VIEWER.allowedScopes()).containsExactly(Scope.READ);
        assertThat(Role.MEMBER.allowedScopes()).containsExactlyInAnyOrder(Scope.values());
    }

    @Test
    void rolesAndScopesParseFromTheirSlugsOnly() {
        assertThat(Role.fromSlug("Admin")).contains(Role.ADMIN);
        assertThat(Role.fromSlug("root")).isEmpty();
        assertThat(Role.fromSlug(null)).isEmpty();
        assertThat(Scope.fromSlug(" pods ")).contains(Scope.PODS);
        assertThat(Scope.fromSlug("admin")).isEmpty();
        for (Scope scope : Scope.values()) {
            assertThat(Scope.fromSlug(scope.slug())).contains(scope);
        }
    }

    @Test
    void onlyTheDocumentedRoutesArePublic() {
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/v1/orgs")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/version")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/offers")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/offers/off_1")).isTrue();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/gpu-types")).isTrue();

        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/orgs")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/orgs/me")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/v1/orgs/me")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.POST, "/v1/offers")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/offersx")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.DELETE, "/v1/version")).isFalse();
        assertThat(PublicRoutes.isPublic(HttpMethod.GET, "/v1/api-keys")).isFalse();
    }

    @Test
    void theOperatorKeyIsOffWhenUnsetAndRefusedWhenShort() {
        assertThat(new OperatorKey(null).configured()).isFalse();
        assertThat(new OperatorKey("  ").matches("  ")).isFalse();
        assertThat(new OperatorKey("").matches("")).isFalse();
        assertThatThrownBy(() -> new OperatorKey("short-key")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("assay.operator-key").hasMessageContaining("32");

        OperatorKey configured = new OperatorKey("k".repeat(40));
        assertThat(configured.matches("k".repeat(40))).isTrue();
        assertThat(configured.matches("k".repeat(39))).isFalse();
    }

    @Test
    void lastUseIsRecordedAtMostOncePerResolution() {
        ApiKey key = new ApiKey(ApiKeyCodec.issue("key_" + "0".repeat(26), new java.security.SecureRandom()),
                "org_x", "usr_x", "k", Role.MEMBER, EnumSet.of(Scope.READ), Instant.EPOCH);
        Duration minute = Duration.ofMinutes(1);

        assertThat(key.touch(Instant.EPOCH.plusSeconds(10), minute)).isTrue();
        assertThat(key.touch(Instant.EPOCH.plusSeconds(69), minute)).isFalse();
        assertThat(key.getLastUsedAt()).isEqualTo(Instant.EPOCH.plusSeconds(10));
        assertThat(key.touch(Instant.EPOCH.plusSeconds(70), minute)).isTrue();
        assertThat(key.getLastUsedAt()).isEqualTo(Instant.EPOCH.plusSeconds(70));
        assertThat(key.scopeSet()).containsExactly(Scope.READ);
    }
}
