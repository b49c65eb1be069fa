package dev.assay.api.accounts;

import io.swagger.v3.oas.annotations.Parameter;
import dev.assay.api.accounts.AccountsViews.ApiKeyList;
import dev.assay.api.accounts.AccountsViews.CreateApiKeyRequest;
import dev.assay.api.accounts.AccountsViews.CreatedApiKey;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The organisation's API keys: create (owner/admin), list (scope read), revoke (owner/admin). */
@Controller("/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiKeysController {

    private final AccountsService accounts;

    ApiKeysController(AccountsService accounts) {
        this.accounts = accounts;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<CreatedApiKey> create(@Parameter(hidden = true) Caller caller, @Body CreateApiKeyRequest request) {
        return HttpResponse.created(accounts.createKey(caller, request)).header("Cache-Control", "no-store");
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    ApiKeyList list(@Parameter(hidden = true) Caller caller) {
        return new ApiKeyList(accounts.listKeys(caller));
    }

    @Delete("/{id}")
    HttpResponse<Void> revoke(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        accounts.revokeKey(caller, id);
        return HttpResponse.noContent();
    }
}
