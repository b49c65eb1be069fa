package dev.assay.api.accounts;

import io.swagger.v3.oas.annotations.Parameter;
import dev.assay.api.accounts.AccountsViews.MeResponse;
import dev.assay.api.accounts.AccountsViews.SignUpRequest;
import dev.assay.api.accounts.AccountsViews.SignUpResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Sign-up ({@code POST /v1/orgs}, public) and the caller's organisation ({@code GET /v1/orgs/me}). */
@Controller("/v1/orgs")
@ExecuteOn(TaskExecutors.BLOCKING)
class OrganisationsController {

    private final AccountsService accounts;

    OrganisationsController(AccountsService accounts) {
        this.accounts = accounts;
    }

    /** Creates an organisation, its owner and an owner key with every scope; the key is shown only here. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<SignUpResponse> signUp(@Body SignUpRequest request) {
        SignUpResponse created = Duplicates.conflictOnDuplicate(() -> accounts.signUp(request));
        return HttpResponse.created(created).header("Cache-Control", "no-store");
    }

    /** Any valid key may ask which organisation and key it is; no scope needed. */
    @Get(uri = "/me", produces = MediaType.APPLICATION_JSON)
    MeResponse me(@Parameter(hidden = true) Caller caller) {
        return accounts.me(caller);
    }
}
