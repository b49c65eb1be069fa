package dev.assay.api.accounts;

import io.swagger.v3.oas.annotations.Parameter;
import dev.assay.api.accounts.AccountsViews.AddMemberRequest;
import dev.assay.api.accounts.AccountsViews.MemberList;
import dev.assay.api.accounts.AccountsViews.MemberView;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The organisation's members: list (scope read), add by e-mail with a role (owner/admin). */
@Controller("/v1/members")
@ExecuteOn(TaskExecutors.BLOCKING)
class MembersController {

    private final AccountsService accounts;

    MembersController(AccountsService accounts) {
        this.accounts = accounts;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    MemberList list(@Parameter(hidden = true) Caller caller) {
        return new MemberList(accounts.listMembers(caller));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<MemberView> add(@Parameter(hidden = true) Caller caller, @Body AddMemberRequest request) {
        return HttpResponse.created(Duplicates.conflictOnDuplicate(() -> accounts.addMember(caller, request)));
    }
}
