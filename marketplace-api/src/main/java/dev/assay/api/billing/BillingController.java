package dev.assay.api.billing;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Scope;
import dev.assay.api.billing.BillingViews.BalanceView;
import dev.assay.api.billing.BillingViews.CreditRequest;
import dev.assay.api.billing.BillingViews.CreditView;
import dev.assay.api.billing.BillingViews.EntryPageView;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.pricing.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /v1/billing}: the caller's balance and ledger (scope {@code billing}), and credits granted by the
 * operator. Rights are checked before the request is read, so a caller without them learns nothing from
 * validation messages; a refused request writes nothing.
 */
@Controller("/v1/billing")
@ExecuteOn(TaskExecutors.BLOCKING)
class BillingController {

    private static final Pattern REFERENCE = Pattern.compile("[\\x21-\\x7E]{1," + Ledger.MAX_REFERENCE_CHARS + "}");
    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Ledger ledger;
    private final OrganisationDirectory organisations;
    private final CreditPolicy policy;

    BillingController(Ledger ledger, OrganisationDirectory organisations, CreditPolicy policy) {
        this.ledger = ledger;
        this.organisations = organisations;
        this.policy = policy;
    }

    /** The organisation's renter balance (what its pods may spend) and host payable (what it has earned). */
    @Get(uri = "/balance", produces = MediaType.APPLICATION_JSON)
    BalanceView balance(@Parameter(hidden = true) Caller caller) {
        return BalanceView.of(ledger.balance(organisationOf(caller)));
    }

    /**
     * The organisation's ledger entries, newest first.
     *
     * @param limit  entries per page, 1 to 200 (default 50)
     * @param cursor {@code next_cursor} of the previous page
     */
    @Get(uri = "/ledger", produces = MediaType.APPLICATION_JSON)
    EntryPageView ledger(@Parameter(hidden = true) Caller caller, @QueryValue @Nullable String limit,
            @QueryValue @Nullable String cursor) {
        String orgId = organisationOf(caller);
        EntryPageRequest page = new EntryPageRequest(parseLimit(limit),
                Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
        try {
            return EntryPageView.of(ledger.entries(orgId, page));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION, e.getMessage(), Map.of("cursor", e.getMessage()));
        }
    }

    /**
     * Grants credit to an organisation (operator only). Idempotent by {@code reference}: the same credit again
     * answers 200 with the original; the same reference for another organisation or amount answers 409.
     */
    @Post(uri = "/credits", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<CreditView> credit(@Parameter(hidden = true) Caller caller, @Body CreditRequest request) {
        caller.requireOperator();
        Map<String, String> errors = new LinkedHashMap<>();
        String orgId = request.orgId() == null ? null : request.orgId().strip();
        if (orgId == null || orgId.isEmpty()) {
            errors.put("org_id", "required: the organisation to credit");
        } else if (!ORG_ID.matcher(orgId).matches()) {
            errors.put("org_id", "not an organisation id");
        }
        Money amount = parseAmount(request.amount(), errors);
        String reference = request.reference();
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            errors.put("reference", "required: 1 to " + Ledger.MAX_REFERENCE_CHARS
                    + " visible ASCII characters without spaces, unique per credit (e.g. a payment id)");
        }
        if (errors.isEmpty() && !organisations.exists(orgId)) {
            errors.put("org_id", "no organisation has this id");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, "the credit request is invalid: "
                    + String.join("; ", errors.keySet().stream().map(f -> f + " " + errors.get(f)).toList()), errors);
        }
        return switch (ledger.credit(orgId, amount, reference)) {
            case CreditOutcome.Credited c -> HttpResponse.created(CreditView.of(orgId, c.transfer()));
            case CreditOutcome.AlreadyCredited c -> HttpResponse.ok(CreditView.of(orgId, c.transfer()));
            case CreditOutcome.ReferenceConflict c -> throw new ApiProblem(ProblemType.CONFLICT,
                    "reference '" + reference + "' was already used for a credit of " + c.transfer().amount()
                            + " dollars to another organisation or of another amount; use a new reference",
                    Map.of("reference", "already used for another credit"));
        };
    }

    private Money parseAmount(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put("amount", "required: dollars as a decimal string, e.g. \"25.00\"");
            return null;
        }
        Money amount;
        try {
            amount = Money.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put("amount", e.getMessage());
            return null;
        }
        if (!amount.isPositive()) {
            errors.put("amount", "must be positive, was " + amount);
        } else if (amount.compareTo(policy.maxCredit()) > 0) {
            errors.put("amount", "at most " + policy.maxCredit() + " dollars per credit, was " + amount);
        }
        return amount;
    }

    private static int parseLimit(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return EntryPageRequest.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= EntryPageRequest.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String message = "must be a whole number from 1 to " + EntryPageRequest.MAX_LIMIT + ", was '" + text + "'";
        throw new ApiProblem(ProblemType.VALIDATION, "limit " + message, Map.of("limit", message));
    }

    /** Billing belongs to an organisation; the operator key belongs to none. */
    private static String organisationOf(Caller caller) {
        caller.require(Scope.BILLING);
        if (caller.operator()) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "the operator key belongs to no organisation: call with one of the organisation's keys");
        }
        return caller.orgId();
    }
}
