package dev.assay.api.billing;

import dev.assay.pricing.Money;
import java.time.Duration;
import java.util.Objects;

/** What {@link BalanceGuard} says about a renter's running pods. */
public sealed interface GuardDecision {

    /** Nothing is burning the balance (no running pods, or only free ones): nothing to stop. */
    record NothingBurning(Money balance) implements GuardDecision {
        public NothingBurning {
            Objects.requireNonNull(balance, "balance");
        }
    }

    /**
     * The balance covers the next metering interval: keep running.
     *
     * @param untilEmpty             how long the balance lasts at this burn, rounded down
     * @param neededForNextInterval  the most the next interval can cost
     */
    record Funded(Duration untilEmpty, Money neededForNextInterval) implements GuardDecision {
        public Funded {
            Objects.requireNonNull(untilEmpty, "untilEmpty");
            Objects.requireNonNull(neededForNextInterval, "neededForNextInterval");
        }
    }

    /**
     * Stop the renter's pods now (keep their disks): the next interval could cost more than the balance, and a
     * balance never goes negative.
     *
     * @param balance                what is left
     * @param neededForNextInterval  the most the next interval can cost; more than {@code balance}
     * @param untilEmpty             how long the balance would last at this burn, rounded down
     */
    record StopNow(Money balance, Money neededForNextInterval, Duration untilEmpty) implements GuardDecision {
        public StopNow {
            Objects.requireNonNull(balance, "balance");
            Objects.requireNonNull(neededForNextInterval, "neededForNextInterval");
            Objects.requireNonNull(untilEmpty, "untilEmpty");
        }
    }
}
