package dev.assay.api.billing;

import dev.assay.api.accounts.Caller;
import dev.assay.api.accounts.Scope;
import dev.assay.api.billing.BillingViews.BalanceView;
import dev.assay.api.billing.BillingViews.CreditRequest;
import dev.assay.api.billing.BillingViews.CreditView;
import dev.assay.api.billing.BillingViews.EntryPageView;
import dev.assay.api.billing.BillingViews.UsageView;
import dev.assay.api.market.MarketClock;
import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import dev.assay.api.problem.RequestValues;
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
import java.time.Duration;
import java.time.Instant;
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

    private static final Duration DEFAULT_USAGE_WINDOW = Duration.ofDays(30);
    private static final Duration MAX_USAGE_WINDOW = Duration.ofDays(366);
    private static final int DEFAULT_USAGE_PODS = 100;
    private static final int MAX_USAGE_PODS = 500;

    private final Ledger ledger;
    private final OrganisationDirectory organisations;
    private final CreditPolicy policy;
    private final UsageReport usage;
    private final MarketClock clock;

    BillingController(Ledger ledger, OrganisationDirectory organisations, CreditPolicy policy, UsageReport usage,
            MarketClock clock) {
        this.ledger = ledger;
        this.organisations = organisations;
        this.policy = policy;
        this.usage = usage;
        this.clock = clock;
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
        EntryPageRequest page = new EntryPageRequest(
                RequestValues.limit(limit, EntryPageRequest.DEFAULT_LIMIT, EntryPageRequest.MAX_LIMIT),
                Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
        try {
            return EntryPageView.of(ledger.entries(orgId, page));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.VALIDATION, e.getMessage(), Map.of("cursor", e.getMessage()));
        }
    }

    /**
     * What the organisation's pods were charged for periods starting in {@code [from, to)}, per pod, most
     * expensive first, from the ledger's metering transfers.
     *
     * @param from  ISO-8601 instant (default: 30 days before {@code to})
     * @param to    ISO-8601 instant (default: now); at most 366 days after {@code from}
     * @param limit pods listed, 1 to 500 (default 100); the total covers them all
     */
    @Get(uri = "/usage", produces = MediaType.APPLICATION_JSON)
    UsageView usage(@Parameter(hidden = true) Caller caller, @QueryValue @Nullable String from,
            @QueryValue @Nullable String to, @QueryValue @Nullable String limit) {
        String orgId = organisationOf(caller);
        int pods = RequestValues.limit(limit, DEFAULT_USAGE_PODS, MAX_USAGE_PODS);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant end = RequestValues.instant("to", to, errors).orElse(null);
        Instant start = RequestValues.instant("from", from, errors).orElse(null);
        if (errors.isEmpty()) {
            end = end == null ? clock.now() : end;
            start = start == null ? end.minus(DEFAULT_USAGE_WINDOW) : start;
            if (!start.isBefore(end)) {
                errors.put("from", "must be before to (" + end + "), was " + start);
            } else if (Duration.between(start, end).compareTo(MAX_USAGE_WINDOW) > 0) {
                errors.put("from", "the window may span at most 366 days");
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, "the usage request is invalid: "
                    + String.join("; ", errors.keySet().stream().map(f -> f + " " + errors.get(f)).toList()), errors);
        }
        return UsageView.of(usage.of(orgId, start, end, pods));
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
