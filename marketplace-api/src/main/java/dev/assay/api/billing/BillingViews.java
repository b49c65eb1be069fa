package dev.assay.api.billing;

import dev.assay.api.json.MoneyView;
import dev.assay.pricing.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of the billing endpoints (snake_case). Money is never a JSON float: it is an object with the exact
 * decimal dollars as a string ({@code "12.500000"}, always six decimals) and the whole micro-dollars. Account
 * ids are not shown (they would name the other side's organisation): entries say which kinds of account the
 * money moved between.
 */
final class BillingViews {

    private BillingViews() {}

    /** {@code GET /v1/billing/balance}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record BalanceView(String orgId, MoneyView balance, MoneyView hostPayable) {
        static BalanceView of(OrgBalance balance) {
            return new BalanceView(balance.orgId(), MoneyView.of(balance.available()),
                    MoneyView.of(balance.hostPayable()));
        }
    }

    /** One transfer as the organisation sees it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record EntryView(String transferId, String kind, String fromAccount, String toAccount, MoneyView amount,
            MoneyView balanceChange, MoneyView hostPayableChange, @Nullable String podId, @Nullable String periodFrom,
            @Nullable String periodTo, @Nullable String reference, String createdAt) {
        static EntryView of(LedgerEntry entry) {
            Transfer t = entry.transfer();
            return new EntryView(t.id(), slug(t.kind().name()), accountKind(t.debitAccountId()),
                    accountKind(t.creditAccountId()), MoneyView.of(t.amount()), MoneyView.of(entry.balanceChange()),
                    MoneyView.of(entry.hostPayableChange()),
                    t.period().map(MeteredPeriod::podId).orElse(null),
                    t.period().map(p -> p.from().toString()).orElse(null),
                    t.period().map(p -> p.to().toString()).orElse(null),
                    t.reference().orElse(null), t.createdAt().toString());
        }
    }

    /** {@code GET /v1/billing/ledger}: newest first; {@code next_cursor} is absent on the last page. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record EntryPageView(List<EntryView> items, @Nullable String nextCursor) {
        static EntryPageView of(EntryPage page) {
            return new EntryPageView(page.entries().stream().map(EntryView::of).toList(),
                    page.nextCursor().orElse(null));
        }
    }

    /** {@code POST /v1/billing/credits}: {@code amount} in dollars as a decimal string, e.g. {@code "25.00"}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreditRequest(@Nullable String orgId, @Nullable String amount, @Nullable String reference) {}

    /** A credit, posted now ({@code 201}) or earlier with the same reference ({@code 200}). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record CreditView(String transferId, String orgId, MoneyView amount, String reference, String createdAt) {
        static CreditView of(String orgId, Transfer t) {
            return new CreditView(t.id(), orgId, MoneyView.of(t.amount()), t.reference().orElseThrow(),
                    t.createdAt().toString());
        }
    }

    /** The account kind in an account id ({@code renter:org_…} → {@code renter_balance}). */
    static String accountKind(String accountId) {
        return switch (accountId.substring(0, accountId.indexOf(':'))) {
            case "renter" -> slug(AccountKind.RENTER_BALANCE.name());
            case "host" -> slug(AccountKind.HOST_PAYABLE.name());
            case "platform" -> slug(AccountKind.PLATFORM_REVENUE.name());
            case "operator" -> slug(AccountKind.OPERATOR_FUNDING.name());
            default -> throw new IllegalStateException("unknown account id " + accountId);
        };
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code GET /v1/billing/usage}: what the organisation's pods were charged in a window. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record UsageView(String orgId, String from, String to, MoneyView charged, long podsCharged,
            List<PodUsageView> pods) {
        static UsageView of(UsageReport.Usage usage) {
            return new UsageView(usage.orgId(), usage.from().toString(), usage.to().toString(),
                    MoneyView.of(usage.charged()), usage.podsCharged(),
                    usage.pods().stream().map(PodUsageView::of).toList());
        }
    }

    /** One pod's charges; {@code charged} includes the platform fee shown beside it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record PodUsageView(String podId, @Nullable String name, @Nullable String type, @Nullable Integer gpuCount,
            @Nullable String hostId, MoneyView charged, MoneyView platformFee, String firstPeriodFrom,
            String lastPeriodTo, long periods) {
        static PodUsageView of(UsageReport.PodUsage pod) {
            return new PodUsageView(pod.podId(), pod.name(), pod.type(), pod.gpuCount(), pod.hostId(),
                    MoneyView.of(pod.charged()), MoneyView.of(pod.platformFee()), pod.firstPeriodFrom().toString(),
                    pod.lastPeriodTo().toString(), pod.periods());
        }
    }
}
