package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.Money;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules on H2 (PostgreSQL mode), through the port the pod lifecycle will use. */
@MicronautTest(transactional = false)
class LedgerTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    Ledger ledger;

    @Inject
    LedgerAudit audit;

    @Inject
    DataSource dataSource;

    LedgerSql sql;
    String renter;
    String host;

    @BeforeEach
    void organisations() {
        sql = LedgerSql.of(dataSource);
        renter = "org_r" + UUID.randomUUID().toString().replace("-", "");
        host = "org_h" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void theLedgerStaysSound() {
        AuditReport report = audit.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.sumOfBalances()).isEqualTo(Money.ZERO);
    }

    @Test
    void aCreditMovesOperatorFundingIntoTheRenterBalance() {
        CreditOutcome outcome = ledger.credit(renter, Money.parse("25.00"), "ref-" + renter);

        assertThat(outcome).isInstanceOf(CreditOutcome.Credited.class);
        Transfer t = outcome.transfer();
        assertThat(t.kind()).isEqualTo(TransferKind.CREDIT);
        assertThat(t.debitAccountId()).isEqualTo("operator:funding");
        assertThat(t.creditAccountId()).isEqualTo("renter:" + renter);
        assertThat(t.amount()).isEqualTo(Money.parse("25"));
        assertThat(ledger.balance(renter)).isEqualTo(new OrgBalance(renter, Money.parse("25"), Money.ZERO));
    }

    @Test
    void theSameCreditAgainAnswersTheOriginalAndPostsNothing() {
        String reference = "pay-" + renter;
        Transfer first = ledger.credit(renter, Money.parse("10"), reference).transfer();
        long transfers = sql.transfers();

        CreditOutcome again = ledger.credit(renter, Money.parse("10"), reference);

        assertThat(again).isEqualTo(new CreditOutcome.AlreadyCredited(first));
        assertThat(sql.transfers()).isEqualTo(transfers);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("10"));
    }

    @Test
    void aReferenceReusedForAnotherOrganisationOrAmountIsAConflictAndPostsNothing() {
        String reference = "pay-" + renter;
        Transfer first = ledger.credit(renter, Money.parse("10"), reference).transfer();
        long transfers = sql.transfers();

        assertThat(ledger.credit(renter, Money.parse("11"), reference))
                .isEqualTo(new CreditOutcome.ReferenceConflict(first));
        assertThat(ledger.credit(host, Money.parse("10"), reference))
                .isEqualTo(new CreditOutcome.ReferenceConflict(first));
        assertThat(sql.transfers()).isEqualTo(transfers);
        assertThat(sql.accountsOf(host)).as("a refused credit opens no account").isZero();
    }

    @Test
    void aCreditRefusesBadInput() {
        assertThatThrownBy(() -> ledger.credit(renter, Money.ZERO, "r1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> ledger.credit(renter, Money.parse("-1"), "r1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.credit(renter, Money.parse("1"), "has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> ledger.credit(renter, Money.parse("1"), "x".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> ledger.credit(" ", Money.parse("1"), "r1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orgId");
    }

    @Test
    void aChargePaysTheHostShareAndThePlatformFeeInOneGo() {
        ledger.credit(renter, Money.parse("5"), "c-" + renter);
        Money platformBefore = platformRevenue();

        ChargeOutcome outcome = ledger.chargeUsage(charge("pod_a", T0, T0.plusSeconds(3600), "2.00", 1000));

        assertThat(outcome).isInstanceOf(ChargeOutcome.Charged.class);
        List<Transfer> transfers = ((ChargeOutcome.Charged) outcome).transfers();
        assertThat(transfers).extracting(Transfer::kind).containsExactly(TransferKind.USAGE, TransferKind.FEE);
        assertThat(transfers).extracting(Transfer::amount).containsExactly(Money.parse("1.80"), Money.parse("0.20"));
        assertThat(transfers).allSatisfy(t -> {
            assertThat(t.debitAccountId()).isEqualTo("renter:" + renter);
            assertThat(t.period()).contains(new MeteredPeriod(podId("pod_a"), T0, T0.plusSeconds(3600)));
        });
        assertThat(transfers.get(0).creditAccountId()).isEqualTo("host:" + host);
        assertThat(transfers.get(1).creditAccountId()).isEqualTo("platform:revenue");
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("3.00"));
        assertThat(ledger.balance(host).hostPayable()).isEqualTo(Money.parse("1.80"));
        assertThat(platformRevenue().minus(platformBefore)).isEqualTo(Money.parse("0.20"));
    }

    @Test
    void chargingTheSamePeriodTwiceIsANoOpThatAnswersTheOriginal() {
        ledger.credit(renter, Money.parse("5"), "c-" + renter);
        UsageCharge charge = charge("pod_b", T0, T0.plusSeconds(60), "0.033333", 1000);
        List<Transfer> first = ((ChargeOutcome.Charged) ledger.chargeUsage(charge)).transfers();

        ChargeOutcome again = ledger.chargeUsage(charge);

        assertThat(again).isEqualTo(new ChargeOutcome.AlreadyCharged(first));
        assertThat(sql.transfersOfPod(podId("pod_b"))).isEqualTo(2);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("4.966667"));
    }

    @Test
    void aDifferentChargeForAnOverlappingPeriodIsAConflictAndPostsNothing() {
        ledger.credit(renter, Money.parse("5"), "c-" + renter);
        List<Transfer> first = ((ChargeOutcome.Charged) ledger.chargeUsage(
                charge("pod_c", T0, T0.plusSeconds(60), "0.10", 1000))).transfers();

        List<UsageCharge> conflicting = List.of(
                charge("pod_c", T0, T0.plusSeconds(60), "0.11", 1000),          // another amount
                charge("pod_c", T0, T0.plusSeconds(60), "0.10", 2000),          // another split
                charge("pod_c", T0, T0.plusSeconds(61), "0.10", 1000),          // another end
                charge("pod_c", T0.plusSeconds(30), T0.plusSeconds(90), "0.10", 1000), // overlaps the end
                charge("pod_c", T0.minusSeconds(30), T0.plusSeconds(1), "0.10", 1000)); // overlaps the start
        for (UsageCharge c : conflicting) {
            assertThat(ledger.chargeUsage(c)).as(c.toString()).isEqualTo(new ChargeOutcome.PeriodConflict(first));
        }
        assertThat(sql.transfersOfPod(podId("pod_c"))).isEqualTo(2);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("4.90"));
    }

    @Test
    void adjacentPeriodsAreDifferentPeriods() {
        ledger.credit(renter, Money.parse("5"), "c-" + renter);
        ledger.chargeUsage(charge("pod_d", T0, T0.plusSeconds(60), "0.10", 1000));

        assertThat(ledger.chargeUsage(charge("pod_d", T0.plusSeconds(60), T0.plusSeconds(120), "0.10", 1000)))
                .isInstanceOf(ChargeOutcome.Charged.class);
        assertThat(ledger.chargeUsage(charge("pod_e", T0, T0.plusSeconds(60), "0.10", 1000)))
                .as("another pod, same period").isInstanceOf(ChargeOutcome.Charged.class);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("4.70"));
    }

    @Test
    void aChargeTheBalanceDoesNotCoverIsRefusedWithATypeAndWritesNothing() {
        ledger.credit(renter, Money.parse("1.00"), "c-" + renter);
        long transfers = sql.transfers();

        ChargeOutcome outcome = ledger.chargeUsage(charge("pod_f", T0, T0.plusSeconds(60), "1.000001", 1000));

        assertThat(outcome).isEqualTo(new ChargeOutcome.InsufficientBalance(Money.parse("1"), Money.parse("1.000001")));
        assertThat(sql.transfers()).isEqualTo(transfers);
        assertThat(sql.accountsOf(host)).as("no host account opened").isZero();
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("1"));
        assertThat(ledger.chargeUsage(charge("pod_f", T0, T0.plusSeconds(60), "1.00", 1000)))
                .as("exactly the balance is covered").isInstanceOf(ChargeOutcome.Charged.class);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ZERO);
    }

    @Test
    void aRenterThatWasNeverCreditedHasNothingToSpend() {
        ChargeOutcome outcome = ledger.chargeUsage(charge("pod_g", T0, T0.plusSeconds(1), "0.000001", 0));

        assertThat(outcome).isEqualTo(new ChargeOutcome.InsufficientBalance(Money.ZERO, Money.ofMicros(1)));
        assertThat(sql.accountsOf(renter)).isZero();
    }

    @Test
    void aZeroFeeOrAWholeFeePostsOnlyTheTransferWithMoney() {
        ledger.credit(renter, Money.parse("5"), "c-" + renter);

        ChargeOutcome noFee = ledger.chargeUsage(charge("pod_h", T0, T0.plusSeconds(60), "1", 0));
        ChargeOutcome allFee = ledger.chargeUsage(charge("pod_i", T0, T0.plusSeconds(60), "1", 10_000));
        ChargeOutcome tiny = ledger.chargeUsage(charge("pod_j", T0, T0.plusSeconds(1), "0.000009", 1000));

        assertThat(((ChargeOutcome.Charged) noFee).transfers()).extracting(Transfer::kind)
                .containsExactly(TransferKind.USAGE);
        assertThat(((ChargeOutcome.Charged) allFee).transfers()).extracting(Transfer::kind)
                .containsExactly(TransferKind.FEE);
        assertThat(((ChargeOutcome.Charged) tiny).transfers()).as("a fee under one micro-dollar goes to the host")
                .extracting(Transfer::amount).containsExactly(Money.ofMicros(9));
        assertThat(ledger.chargeUsage(charge("pod_i", T0, T0.plusSeconds(60), "1", 10_000)))
                .isInstanceOf(ChargeOutcome.AlreadyCharged.class);
        assertThat(ledger.balance(host).hostPayable()).isEqualTo(Money.parse("1.000009"));
    }

    @Test
    void entriesAreNewestFirstInPagesThatJoinUpWithoutGapsOrRepeats() {
        ledger.credit(renter, Money.parse("100"), "c-" + renter);
        for (int i = 0; i < 7; i++) {
            ledger.chargeUsage(charge("pod_k", T0.plusSeconds(60L * i), T0.plusSeconds(60L * (i + 1)), "1", 1000));
        }
        ledger.credit(host, Money.parse("1"), "c-" + host);
        ledger.chargeUsage(new UsageCharge(podId("pod_l"), host, renter, T0, T0.plusSeconds(60), Money.parse("0.5"), 0));

        List<LedgerEntry> all = new ArrayList<>();
        EntryPage page = ledger.entries(renter, EntryPageRequest.first(4));
        all.addAll(page.entries());
        int pages = 1;
        while (page.nextCursor().isPresent()) {
            page = ledger.entries(renter, new EntryPageRequest(4, page.nextCursor()));
            all.addAll(page.entries());
            pages++;
        }

        // 1 credit + 7 × (usage + fee) as renter, 1 usage received as host.
        assertThat(all).hasSize(16);
        assertThat(pages).isEqualTo(4);
        assertThat(all).extracting(e -> e.transfer().id()).doesNotHaveDuplicates();
        List<Instant> times = all.stream().map(e -> e.transfer().createdAt()).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        Money balanceSum = Money.sum(all.stream().map(LedgerEntry::balanceChange).toList());
        Money payableSum = Money.sum(all.stream().map(LedgerEntry::hostPayableChange).toList());
        assertThat(balanceSum).isEqualTo(ledger.balance(renter).available()).isEqualTo(Money.parse("93"));
        assertThat(payableSum).isEqualTo(ledger.balance(renter).hostPayable()).isEqualTo(Money.parse("0.5"));
        assertThat(ledger.entries(renter, EntryPageRequest.first(200)).entries()).hasSize(16);
    }

    @Test
    void aCursorNotMadeByTheLedgerIsRefused() {
        assertThatThrownBy(() -> ledger.entries(renter, new EntryPageRequest(10, java.util.Optional.of("nope!"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> EntryPageRequest.first(201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryPageRequest.first(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDatabaseItselfRefusesANegativeRenterBalanceAndABadTransfer() {
        ledger.credit(renter, Money.parse("1"), "c-" + renter);

        assertThatThrownBy(() -> sql.update("UPDATE ledger_accounts SET balance_micros = -1 WHERE id = ?",
                "renter:" + renter)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql.update("INSERT INTO ledger_transfers (id, transfer_kind, debit_account_id,"
                + " credit_account_id, amount_micros, reference, created_at) VALUES ('tr_x', 'CREDIT',"
                + " 'operator:funding', 'operator:funding', 5, 'self', CURRENT_TIMESTAMP)"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql.update("INSERT INTO ledger_transfers (id, transfer_kind, debit_account_id,"
                + " credit_account_id, amount_micros, reference, created_at) VALUES ('tr_y', 'CREDIT',"
                + " 'operator:funding', 'platform:revenue', 0, 'zero', CURRENT_TIMESTAMP)"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql.update("INSERT INTO ledger_transfers (id, transfer_kind, debit_account_id,"
                + " credit_account_id, amount_micros, created_at) VALUES ('tr_z', 'USAGE',"
                + " 'operator:funding', 'platform:revenue', 5, CURRENT_TIMESTAMP)"))
                .as("a usage transfer without pod and period").isInstanceOf(SQLException.class);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("1"));
    }

    private Money platformRevenue() {
        return Money.ofMicros(sql.count("SELECT balance_micros FROM ledger_accounts WHERE id = 'platform:revenue'"));
    }

    /** Pod ids unique to this test's organisations, so tests sharing the database never meet. */
    private String podId(String name) {
        return name + "_" + renter.substring(5, 17);
    }

    private UsageCharge charge(String pod, Instant from, Instant to, String gross, int feeBasisPoints) {
        return new UsageCharge(podId(pod), renter, host, from, to, Money.parse(gross), feeBasisPoints);
    }
}
