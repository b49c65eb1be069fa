package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.billing.AuditReport.Finding;
import dev.assay.api.testing.Race;
import dev.assay.pricing.Money;
import io.micronaut.context.ApplicationContext;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ledger under real concurrency: 20 threads, each with its own connection and transaction, race on the
 * same accounts. The database must serialise them so that every guarantee holds. Run on PostgreSQL
 * ({@link LedgerPostgresIntegrationTest}) and on H2 ({@link LedgerH2ConcurrencyTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerConcurrencyContract {

    static final int THREADS = 20;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    ApplicationContext context;
    Ledger ledger;
    LedgerAudit audit;
    LedgerSql sql;

    /** The data source settings of the database under test (created before, dropped by {@link #dropDatabase()}). */
    abstract Map<String, Object> createDatabase() throws SQLException;

    abstract void dropDatabase() throws SQLException;

    @BeforeAll
    void start() throws SQLException {
        Map<String, Object> settings = new java.util.HashMap<>(createDatabase());
        settings.put("datasources.default.maximum-pool-size", THREADS);
        settings.put("micronaut.server.port", -1);
        settings.put("grpc.server.enabled", false);
        context = ApplicationContext.run(settings, "test");
        ledger = context.getBean(Ledger.class);
        audit = context.getBean(LedgerAudit.class);
        sql = LedgerSql.of(context.getBean(javax.sql.DataSource.class));
    }

    @AfterAll
    void stop() throws SQLException {
        if (context != null) {
            context.close();
        }
        dropDatabase();
    }

    @Test
    void twentyThreadsChargingTheSamePeriodPostItExactlyOnce() throws Exception {
        String renter = org("r");
        String host = org("h");
        ledger.credit(renter, Money.parse("100"), "seed-" + renter);
        UsageCharge charge = new UsageCharge("pod_same_" + renter.substring(4, 14), renter, host, T0,
                T0.plusSeconds(60), Money.parse("1.50"), 1000);

        List<ChargeOutcome> outcomes = Race.run(THREADS, i -> () -> ledger.chargeUsage(charge));

        assertThat(outcomes).filteredOn(ChargeOutcome.Charged.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ChargeOutcome.AlreadyCharged.class::isInstance).hasSize(THREADS - 1);
        List<Transfer> posted = outcomes.stream().filter(ChargeOutcome.Charged.class::isInstance)
                .map(o -> ((ChargeOutcome.Charged) o).transfers()).findFirst().orElseThrow();
        assertThat(outcomes).filteredOn(ChargeOutcome.AlreadyCharged.class::isInstance)
                .allSatisfy(o -> assertThat(((ChargeOutcome.AlreadyCharged) o).original()).isEqualTo(posted));
        assertThat(sql.transfersOfPod(charge.podId())).as("one usage and one fee transfer").isEqualTo(2);
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("98.50"));
        assertThat(ledger.balance(host).hostPayable()).isEqualTo(Money.parse("1.35"));
        assertSound();
    }

    @Test
    void twentyThreadsChargingDifferentPeriodsAgainstABalanceForTenLeaveExactlyTenAndNeverANegativeBalance()
            throws Exception {
        String renter = org("r");
        String host = org("h");
        ledger.credit(renter, Money.parse("10.00"), "seed-" + renter);
        String pod = "pod_periods_" + renter.substring(4, 14);
        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicLong lowestSeen = new AtomicLong(Long.MAX_VALUE);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (racing.get()) {
                lowestSeen.accumulateAndGet(sql.count("SELECT balance_micros FROM ledger_accounts WHERE id = ?",
                        "renter:" + renter), Math::min);
            }
        });

        List<ChargeOutcome> outcomes;
        try {
            outcomes = Race.run(THREADS, i -> () -> ledger.chargeUsage(new UsageCharge(pod, renter, host,
                    T0.plusSeconds(60L * i), T0.plusSeconds(60L * (i + 1)), Money.parse("1.00"), 1000)));
        } finally {
            racing.set(false);
            watcher.join();
        }

        assertThat(outcomes).filteredOn(ChargeOutcome.Charged.class::isInstance).hasSize(10);
        assertThat(outcomes).filteredOn(ChargeOutcome.InsufficientBalance.class::isInstance).hasSize(10)
                .allSatisfy(o -> assertThat(((ChargeOutcome.InsufficientBalance) o).available()).isEqualTo(Money.ZERO));
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.ZERO);
        assertThat(ledger.balance(host).hostPayable()).isEqualTo(Money.parse("9.00"));
        assertThat(sql.transfersOfPod(pod)).isEqualTo(20);
        assertThat(lowestSeen.get()).as("lowest renter balance seen while racing").isGreaterThanOrEqualTo(0);
        assertSound();
    }

    @Test
    void twentyThreadsCreditingWithOneReferencePostOneCredit() throws Exception {
        String renter = org("r");
        String reference = "pay-" + renter;

        List<CreditOutcome> outcomes = Race.run(THREADS,
                i -> () -> ledger.credit(renter, Money.parse("7.25"), reference));

        assertThat(outcomes).filteredOn(CreditOutcome.Credited.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(CreditOutcome.AlreadyCredited.class::isInstance).hasSize(THREADS - 1);
        assertThat(outcomes).extracting(o -> o.transfer().id()).containsOnly(outcomes.getFirst().transfer().id());
        assertThat(ledger.balance(renter).available()).isEqualTo(Money.parse("7.25"));
        assertSound();
    }

    @Test
    void crossedRentersAndHostsChargingAtOnceNeitherDeadlockNorLoseMoney() throws Exception {
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orgs.add(org("x"));
            ledger.credit(orgs.get(i), Money.parse("50"), "seed-" + orgs.get(i));
        }
        String podPrefix = "pod_cross_" + orgs.getFirst().substring(4, 12) + "_";

        // Every organisation both rents from and hosts for the others, so account locks are taken crosswise.
        List<ChargeOutcome> outcomes = Race.run(THREADS, i -> () -> ledger.chargeUsage(new UsageCharge(podPrefix + i,
                orgs.get(i % 4), orgs.get((i + 1) % 4), T0, T0.plusSeconds(60), Money.parse("2.00"), 1500)));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(ChargeOutcome.Charged.class));
        Money total = Money.ZERO;
        for (String org : orgs) {
            OrgBalance b = ledger.balance(org);
            total = total.plus(b.available()).plus(b.hostPayable());
            assertThat(b.available()).isEqualTo(Money.parse("40"));
            assertThat(b.hostPayable()).isEqualTo(Money.parse("8.50"));
        }
        assertThat(total).as("what left the renters is with the hosts and the platform")
                .isEqualTo(Money.parse("200").minus(Money.parse("6.00")));
        assertSound();
    }

    @Test
    void theUniqueKeysHoldAgainstAWriterThatSkipsTheLedger() throws SQLException {
        String renter = org("r");
        ledger.credit(renter, Money.parse("5"), "seed-" + renter);
        String pod = "pod_unique_" + renter.substring(4, 14);
        ledger.chargeUsage(new UsageCharge(pod, renter, org("h"), T0, T0.plusSeconds(60), Money.parse("1"), 1000));

        assertThatThrownBy(() -> sql.update("INSERT INTO ledger_transfers (id, transfer_kind, debit_account_id,"
                + " credit_account_id, amount_micros, pod_id, period_from, period_to, created_at) VALUES"
                + " ('tr_dup', 'USAGE', ?, 'platform:revenue', 1, ?, ?, ?, CURRENT_TIMESTAMP)",
                "renter:" + renter, pod, java.sql.Timestamp.from(T0), java.sql.Timestamp.from(T0.plusSeconds(30))))
                .isInstanceOf(SQLException.class).hasMessageContaining("uq_ledger_transfers_period");
        assertThatThrownBy(() -> sql.update("INSERT INTO ledger_transfers (id, transfer_kind, debit_account_id,"
                + " credit_account_id, amount_micros, reference, created_at) VALUES"
                + " ('tr_dup2', 'CREDIT', 'operator:funding', ?, 1, ?, CURRENT_TIMESTAMP)",
                "renter:" + renter, "seed-" + renter))
                .isInstanceOf(SQLException.class).hasMessageContaining("uq_ledger_transfers_reference");
        assertThatThrownBy(() -> sql.update("UPDATE ledger_accounts SET balance_micros = -1 WHERE id = ?",
                "renter:" + renter))
                .isInstanceOf(SQLException.class).hasMessageContaining("ck_ledger_accounts_renter_not_negative");
        assertSound();
    }

    @Test
    void theAuditFindsATamperedBalance() throws SQLException {
        String renter = org("r");
        ledger.credit(renter, Money.parse("3"), "seed-" + renter);
        String account = "renter:" + renter;
        sql.update("UPDATE ledger_accounts SET balance_micros = balance_micros + 1 WHERE id = ?", account);
        try {
            AuditReport report = audit.verify();

            assertThat(report.sound()).isFalse();
            assertThat(report.findings()).contains(
                    new Finding.BalanceMismatch(account, Money.parse("3.000001"), Money.parse("3")),
                    new Finding.NonZeroSum(Money.ofMicros(1)));
        } finally {
            sql.update("UPDATE ledger_accounts SET balance_micros = balance_micros - 1 WHERE id = ?", account);
        }
        assertSound();
    }

    private void assertSound() {
        AuditReport report = audit.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.sumOfBalances()).isEqualTo(Money.ZERO);
        assertThat(report.sound()).isTrue();
    }


    private static String org(String tag) {
        return "org_" + tag + UUID.randomUUID().toString().replace("-", "");
    }
}
