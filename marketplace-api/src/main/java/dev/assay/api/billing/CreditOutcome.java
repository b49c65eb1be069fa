package dev.assay.api.billing;

import java.util.Objects;

/** What became of a credit (operator funding → a renter's balance). */
public sealed interface CreditOutcome {

    /** The credit transfer, whichever the outcome. */
    Transfer transfer();

    /** Posted now. */
    record Credited(Transfer transfer) implements CreditOutcome {
        public Credited {
            Objects.requireNonNull(transfer, "transfer");
        }
    }

    /** A credit with this reference, organisation and amount was posted before: this is it, unchanged. */
    record AlreadyCredited(Transfer transfer) implements CreditOutcome {
        public AlreadyCredited {
            Objects.requireNonNull(transfer, "transfer");
        }
    }

    /** Nothing posted: the reference was already used for a credit to another organisation or of another amount. */
    record ReferenceConflict(Transfer transfer) implements CreditOutcome {
        public ReferenceConflict {
            Objects.requireNonNull(transfer, "transfer");
        }
    }
}
