package dev.assay.pricing.market;

import dev.assay.pricing.Money;
import java.util.List;

/** What {@link PriceAdvisor} answers: a suggested price with its reasons, or no suggestion and why. */
public sealed interface PriceAdvice {

    /** The reasons, in the order the rule applied them. */
    List<PriceReason> reasons();

    /**
     * A suggested on-demand price per GPU-hour.
     *
     * @param perGpuHour the suggestion; never negative
     * @param reasons why, in order
     */
    record Suggested(Money perGpuHour, List<PriceReason> reasons) implements PriceAdvice {
        public Suggested {
            if (perGpuHour == null || perGpuHour.isNegative()) {
                throw new IllegalArgumentException("perGpuHour must be a price >= 0, was " + perGpuHour);
            }
            reasons = List.copyOf(reasons);
        }
    }

    /** No suggestion: the market gives nothing to go on (see the reasons). */
    record NoAdvice(List<PriceReason> reasons) implements PriceAdvice {
        public NoAdvice {
            reasons = List.copyOf(reasons);
        }
    }
}
