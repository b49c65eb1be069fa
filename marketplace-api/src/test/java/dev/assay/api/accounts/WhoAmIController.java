package dev.assay.api.accounts;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Test only: echoes the {@link Caller} a request was bound to, and checks a scope on demand. */
@Controller("/v1/test-accounts")
class WhoAmIController {

    @Serdeable
    record WhoAmI(String orgId, String apiKeyId, String role, List<String> scopes, boolean operator) {}

    @Get("/whoami")
    WhoAmI whoAmI(Caller caller) {
        return new WhoAmI(caller.orgId(), caller.apiKeyId(), caller.role().slug(),
                AccountsViews.slugs(caller.scopes()), caller.operator());
    }

    @Get("/billing")
    WhoAmI billing(Caller caller) {
        caller.require(Scope.BILLING);
        return whoAmI(caller);
    }

    @Get("/operator")
    WhoAmI operator(Caller caller) {
        caller.requireOperator();
        return whoAmI(caller);
    }
}
