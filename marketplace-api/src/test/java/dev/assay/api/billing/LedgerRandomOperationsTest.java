package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.pricing.FeeSplit;
import dev.assay.pricing.Money;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random sequences of credits and charges (replays, conflicting references, overlapping periods,
 * charges the balance does not cover, crossed renters and hosts) on H2, checked after every operation against
 * a plain in-memory model of the rules and against the audit: the sum of all balances is zero throughout.
 * A failure names its seed, so it can be replayed.
 */
@MicronautTest(transactional = false)
class LedgerRandomOperationsTest {

    static final int OPERATIONS = 120;
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Inject
    Ledger ledger;

    @Inject
    LedgerAudit audit;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20260301})
    void everyOperationKeepsTheLedgerBalancedAndAgreesWithTheModel(long seed) {
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> orgs = List.of("org_a" + run, "org_b" + run, "org_c" + run);
        List<String> pods = List.of("pod_1" + run, "pod_2" + run, "pod_3" + run);
        Model model = new Model();
        List<Model.Credit> credits = new ArrayList<>();
        List<UsageCharge> charges = new ArrayList<>();

        for (int step = 0; step < OPERATIONS; step++) {
            String context = "seed " + seed + ", step " + step;
            if (random.nextInt(3) == 0) {
                // A retry of an earlier credit now and then, as a client that lost the answer would send.
                Model.Credit again = !credits.isEmpty() && random.nextInt(4) == 0 ? pick(random, credits) : null;
                String org = again != null ? again.org() : pick(random, orgs);
                Money amount = again != null ? again.amount() : Money.ofMicros(1 + random.nextInt(5_000_000));
                String reference = again != null ? again.reference() : "ref-" + run + "-" + random.nextInt(12);
                credits.add(new Model.Credit(org, amount, reference));
                CreditOutcome outcome = ledger.credit(org, amount, reference);
                assertThat(outcome.getClass()).as(context).isEqualTo(model.credit(org, amount, reference));
            } else {
                String renter = pick(random, orgs);
                String host = pick(random, orgs);
                Instant from = T0.plusSeconds(30L * random.nextInt(20));
                Instant to = from.plusSeconds(30L * (1 + random.nextInt(3)));
                Money gross = Money.ofMicros(1 + random.nextInt(2_000_000));
                int fee = random.nextInt(4) == 0 ? random.nextInt(10_001) : 1000;
                // A retry of an earlier charge now and then, as a lifecycle that crashed after posting would send.
                UsageCharge charge = !charges.isEmpty() && random.nextInt(4) == 0 ? pick(random, charges)
                        : new UsageCharge(pick(random, pods), renter, host, from, to, gross, fee);
                charges.add(charge);
                ChargeOutcome outcome = ledger.chargeUsage(charge);
                assertThat(outcome.getClass()).as(context + ": " + charge).isEqualTo(model.charge(charge));
                if (outcome instanceof ChargeOutcome.InsufficientBalance refused) {
                    assertThat(refused.available()).as(context).isEqualTo(model.balance("renter:" + charge.renterOrgId()));
                }
            }
            for (String org : orgs) {
                assertThat(ledger.balance(org)).as(context).isEqualTo(new OrgBalance(org,
                        model.balance("renter:" + org), model.balance("host:" + org)));
            }
            AuditReport report = audit.verify();
            assertThat(report.findings()).as(context).isEmpty();
            assertThat(report.sumOfBalances()).as(context).isEqualTo(Money.ZERO);
        }
        assertThat(model.outcomes).as("the sequence exercised every outcome").containsKeys(
                CreditOutcome.Credited.class, CreditOutcome.AlreadyCredited.class, CreditOutcome.ReferenceConflict.class,
                ChargeOutcome.Charged.class, ChargeOutcome.AlreadyCharged.class, ChargeOutcome.PeriodConflict.class,
                ChargeOutcome.InsufficientBalance.class);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The rules, written as plainly as possible, for this run's organisations only. */
    static final class Model {
        record Credit(String org, Money amount, String reference) {}

        record Charge(String pod, Instant from, Instant to, String renter, String host, Money hostShare, Money fee) {}

        final Map<String, Money> balances = new HashMap<>();
        final Map<String, Credit> credits = new HashMap<>();
        final List<Charge> charges = new ArrayList<>();
        final Map<Class<?>, Integer> outcomes = new HashMap<>();

        Money balance(String account) {
            return balances.getOrDefault(account, Money.ZERO);
        }

        Class<?> credit(String org, Money amount, String reference) {
            Credit earlier = credits.get(reference);
            Class<?> outcome;
            if (earlier == null) {
                credits.put(reference, new Credit(org, amount, reference));
                balances.merge("renter:" + org, amount, Money::plus);
                outcome = CreditOutcome.Credited.class;
            } else {
                outcome = earlier.equals(new Credit(org, amount, reference))
                        ? CreditOutcome.AlreadyCredited.class : CreditOutcome.ReferenceConflict.class;
            }
            outcomes.merge(outcome, 1, Integer::sum);
            return outcome;
        }

        Class<?> charge(UsageCharge c) {
            FeeSplit split = FeeSplit.of(c.gross(), c.feeBasisPoints());
            Charge wanted = new Charge(c.podId(), c.from(), c.to(), c.renterOrgId(), c.hostOrgId(), split.hostShare(),
                    split.platformFee());
            List<Charge> overlapping = charges.stream().filter(e -> e.pod().equals(c.podId())
                    && e.from().isBefore(c.to()) && c.from().isBefore(e.to())).toList();
            Class<?> outcome;
            if (!overlapping.isEmpty()) {
                outcome = overlapping.equals(List.of(wanted))
                        ? ChargeOutcome.AlreadyCharged.class : ChargeOutcome.PeriodConflict.class;
            } else if (balance("renter:" + c.renterOrgId()).compareTo(c.gross()) < 0) {
                outcome = ChargeOutcome.InsufficientBalance.class;
            } else {
                charges.add(wanted);
                balances.merge("renter:" + c.renterOrgId(), c.gross().negate(), Money::plus);
                balances.merge("host:" + c.hostOrgId(), split.hostShare(), Money::plus);
                outcome = ChargeOutcome.Charged.class;
            }
            outcomes.merge(outcome, 1, Integer::sum);
            return outcome;
        }
    }
}
