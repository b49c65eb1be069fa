package dev.assay.pricing.market;

import dev.assay.pricing.Money;
import java.util.Locale;

/**
 * One reason behind a {@link PriceAdvice}, as data (so the console can show, translate or chart it) with a
 * plain-words {@link #explain()}.
 */
public sealed interface PriceReason {

    /** The reason in one plain English sentence, e.g. "median on-demand price of RTX 4090 is $0.45/h". */
    String explain();

    /** Which way the target utilisation moves the price from the median. */
    enum Direction {
        /** The host wants more of its GPUs rented than the market manages: undercut the median. */
        BELOW_MEDIAN,
        /** The host's target is the market's utilisation: the median. */
        AT_MEDIAN,
        /** The host accepts fewer rentals than the market gets: charge more than the median. */
        ABOVE_MEDIAN
    }

    /** A percentile of listed on-demand prices that bounds the suggestion. */
    enum Percentile {
        P10("p10"), P90("p90");

        private final String label;

        Percentile(String label) {
            this.label = label;
        }

        /** "p10" or "p90". */
        public String label() {
            return label;
        }
    }

    /** No offer of the model is listed, so there is nothing to compare with. */
    record NoListedOffers(String gpuModel) implements PriceReason {
        @Override
        public String explain() {
            return "no listed offers of " + gpuModel + " to compare with";
        }
    }

    /** The anchor of every suggestion: the median listed on-demand price of the model. */
    record MarketMedian(String gpuModel, Money medianPerGpuHour, int offers) implements PriceReason {
        @Override
        public String explain() {
            return "median on-demand price of " + gpuModel + " is " + medianPerGpuHour.toDollarString()
                    + "/h across " + offers + (offers == 1 ? " offer" : " offers");
        }
    }

    /** How the host's target compares with the market's utilisation, and which way that moves the price. */
    record UtilisationGap(double targetUtilisation, double marketUtilisation, Direction direction)
            implements PriceReason {
        @Override
        public String explain() {
            return switch (direction) {
                case BELOW_MEDIAN -> "target utilisation " + fraction(targetUtilisation) + " is above the market's "
                        + fraction(marketUtilisation) + ": price below median";
                case ABOVE_MEDIAN -> "target utilisation " + fraction(targetUtilisation) + " is below the market's "
                        + fraction(marketUtilisation) + ": price above median";
                case AT_MEDIAN -> "target utilisation " + fraction(targetUtilisation) + " equals the market's "
                        + fraction(marketUtilisation) + ": price at median";
            };
        }
    }

    /**
     * How far the price moved from the median toward a percentile of listed prices: {@code share} of the way
     * (0..1), where the whole way is reached only at utilisation 1 (toward p10) or 0 (toward p90).
     */
    record MovedToward(Money fromMedian, Percentile percentile, Money toward, double share, Money suggested)
            implements PriceReason {
        @Override
        public String explain() {
            return "moved " + Math.round(share * 100) + "% of the way from the median " + fromMedian.toDollarString()
                    + "/h toward the " + percentile.label() + " price " + toward.toDollarString() + "/h: "
                    + suggested.toDollarString() + "/h";
        }
    }

    /** The suggestion stays within the 10th..90th percentile of listed prices. */
    record WithinObservedBand(Money p10, Money p90) implements PriceReason {
        @Override
        public String explain() {
            return "suggestions stay between the p10 " + p10.toDollarString() + "/h and the p90 "
                    + p90.toDollarString() + "/h of listed offers";
        }
    }

    /** Few offers are listed, so the spread the suggestion relies on is rough. */
    record FewOffers(int offers, int enoughOffers) implements PriceReason {
        @Override
        public String explain() {
            return "only " + offers + (offers == 1 ? " listed offer" : " listed offers") + " (fewer than "
                    + enoughOffers + "): treat this suggestion as rough";
        }
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
