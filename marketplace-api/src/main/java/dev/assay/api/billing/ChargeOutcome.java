package dev.assay.api.billing;

import dev.assay.pricing.Money;
import java.util.List;
import java.util.Objects;

/** What became of a {@link UsageCharge}: a closed set of outcomes, none of them an exception. */
public sealed interface ChargeOutcome {

    /**
     * Posted now: a {@link TransferKind#USAGE} transfer for the host share and a {@link TransferKind#FEE}
     * transfer for the platform fee (either is left out when its amount is zero), committed together.
     */
    record Charged(List<Transfer> transfers) implements ChargeOutcome {
        public Charged {
            transfers = List.copyOf(transfers);
        }
    }

    /** This very charge (same pod, period, organisations, amounts) was posted before: these are its transfers. */
    record AlreadyCharged(List<Transfer> original) implements ChargeOutcome {
        public AlreadyCharged {
            original = List.copyOf(original);
        }
    }

    /**
     * Nothing posted: the renter's balance does not cover the charge. The pod lifecycle should have stopped the
     * pods earlier ({@link BalanceGuard}); this is the ledger refusing to let a balance go negative.
     *
     * @param available the renter's balance now
     * @param needed    the gross of the charge
     */
    record InsufficientBalance(Money available, Money needed) implements ChargeOutcome {
        public InsufficientBalance {
            Objects.requireNonNull(available, "available");
            Objects.requireNonNull(needed, "needed");
        }
    }

    /**
     * Nothing posted: the pod already has a different charge for a period that overlaps this one (another end,
     * another amount or other organisations). A second of a pod is never billed twice; the existing transfers
     * say what was charged.
     */
    record PeriodConflict(List<Transfer> existing) implements ChargeOutcome {
        public PeriodConflict {
            existing = List.copyOf(existing);
        }
    }
}
