package dev.assay.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.pricing.Money;
import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.hibernate.annotations.Immutable;

/** The stateless checks of the ledger's value types, and the mapping that keeps transfers immutable. */
class LedgerValuesTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Example
    void aTransferIsAPositiveAmountBetweenTwoAccounts() {
        assertThatThrownBy(() -> transfer("a", "b", Money.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> transfer("a", "b", Money.parse("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transfer("a", "a", Money.parse("1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between two accounts");
        assertThat(transfer("a", "b", Money.ofMicros(1)).amount()).isEqualTo(Money.ofMicros(1));
    }

    @Example
    void aMeteringTransferNamesItsPeriodAndACreditDoesNot() {
        assertThatThrownBy(() -> new Transfer("tr_1", TransferKind.USAGE, "a", "b", Money.parse("1"), Optional.empty(),
                Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> new Transfer("tr_1", TransferKind.CREDIT, "a", "b", Money.parse("1"),
                Optional.of(new MeteredPeriod("pod_1", T0, T0.plusSeconds(1))), Optional.of("r"), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void aUsageChargeRefusesEachBadFieldByName() {
        Money one = Money.parse("1");
        Instant to = T0.plusSeconds(60);
        assertRefused(() -> new UsageCharge("", "org_r", "org_h", T0, to, one, 1000), "podId");
        assertRefused(() -> new UsageCharge("pod 1", "org_r", "org_h", T0, to, one, 1000), "podId");
        assertRefused(() -> new UsageCharge("pod_1", null, "org_h", T0, to, one, 1000), "renterOrgId");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "x".repeat(65), T0, to, one, 1000), "hostOrgId");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", null, to, one, 1000), "from");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", T0, T0, one, 1000), "after");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", T0, T0.plusNanos(1500), one, 1000),
                "microseconds");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", T0, T0.plusSeconds(86_401), one, 1000),
                "at most");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", T0, to, Money.ZERO, 1000), "gross");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", T0, to, one, -1), "feeBasisPoints");
        assertRefused(() -> new UsageCharge("pod_1", "org_r", "org_h", T0, to, one, 10_001), "feeBasisPoints");
    }

    /** Guarantee 6 as the ledger uses it: the two transfers of a charge add up to its gross, always. */
    @Property
    void aChargeSplitsIntoSharesThatSumToTheGross(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long grossMicros,
            @ForAll @IntRange(min = 0, max = 10_000) int feeBasisPoints) {
        UsageCharge charge = new UsageCharge("pod_1", "org_r", "org_h", T0, T0.plusSeconds(1),
                Money.ofMicros(grossMicros), feeBasisPoints);

        var split = charge.split();

        assertThat(split.hostShare().plus(split.platformFee())).isEqualTo(charge.gross());
        assertThat(split.platformFee().isNegative() || split.hostShare().isNegative()).isFalse();
    }

    /** Guarantee 2: Hibernate cannot update a transfer row, and the entity has no way to change one. */
    @Example
    void theTransferRowIsMappedReadOnly() {
        assertThat(LedgerTransferRow.class.isAnnotationPresent(Immutable.class)).isTrue();
        for (Field field : LedgerTransferRow.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            assertThat(column).as(field.getName()).isNotNull();
            assertThat(column.updatable()).as(field.getName() + " updatable").isFalse();
        }
        assertThat(Arrays.stream(LedgerTransferRow.class.getDeclaredMethods()).map(Method::getName))
                .noneMatch(name -> name.startsWith("set"));
    }

    /** Only a lost race is retried: a taken unique key, a serialisation or lock failure, a stale version. */
    @Example
    void onlyALostRaceIsRetried() {
        assertThat(LedgerService.lostARace(new RuntimeException(new java.sql.SQLException("dup", "23505")))).isTrue();
        assertThat(LedgerService.lostARace(new RuntimeException(new java.sql.SQLException("ser", "40001")))).isTrue();
        assertThat(LedgerService.lostARace(new RuntimeException(new java.sql.SQLException("lock", "55P03")))).isTrue();
        assertThat(LedgerService.lostARace(new jakarta.persistence.OptimisticLockException("stale"))).isTrue();
        assertThat(LedgerService.lostARace(new RuntimeException(new java.sql.SQLException("down", "08006")))).isFalse();
        assertThat(LedgerService.lostARace(new IllegalArgumentException("bad"))).isFalse();
    }

    private static Transfer transfer(String debit, String credit, Money amount) {
        return new Transfer("tr_1", TransferKind.CREDIT, debit, credit, amount, Optional.empty(), Optional.of("r"), T0);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String naming) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(naming);
    }
}
