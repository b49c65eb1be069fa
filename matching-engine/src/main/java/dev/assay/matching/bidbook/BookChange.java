package dev.assay.matching.bidbook;

/** The outcome of one operation on a {@link HostBidBook}. */
public sealed interface BookChange {

    /** The operation took effect: {@code book} is the new book and {@code plan} says what the host must do. */
    record Applied(HostBidBook book, PreemptionPlan plan) implements BookChange {
        public Applied {
            if (book == null || plan == null) {
                throw new IllegalArgumentException("book and plan are required");
            }
        }
    }

    /** The market refused the operation; the book is unchanged. */
    record Refused(Refusal refusal, String message) implements BookChange {
        public Refused {
            if (refusal == null || message == null) {
                throw new IllegalArgumentException("refusal and message are required");
            }
        }
    }

    /** Why an operation was refused. */
    enum Refusal {
        /** The host's book already holds {@link BidBookPolicy#maxBidsPerHost()} bids. */
        BOOK_FULL,
        /** Fewer GPUs are free of on-demand pods than the new on-demand pod asks for. */
        NO_ON_DEMAND_CAPACITY
    }

    /**
     * The applied change.
     *
     * @throws IllegalStateException if the operation was refused (a caller that has ruled refusal out)
     */
    default Applied applied() {
        return switch (this) {
            case Applied applied -> applied;
            case Refused refused -> throw new IllegalStateException("operation refused: " + refused.message());
        };
    }
}
