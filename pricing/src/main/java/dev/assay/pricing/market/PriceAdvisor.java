package dev.assay.pricing.market;

import dev.assay.pricing.Money;
import dev.assay.pricing.market.PriceReason.Direction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Suggests an on-demand price per GPU-hour for a host, from the market for its GPU model and the share of
 * its GPUs the host would like to have rented (its target utilisation).
 *
 * <h2>The rule</h2>
 * <ol>
 *   <li>Start from the median listed on-demand price of the model ({@code M}). With no listed offer there
 *       is no advice ({@link PriceAdvice.NoAdvice}).</li>
 *   <li>Compare the target utilisation {@code t} with the market's utilisation {@code u} (GPUs rented ÷
 *       GPUs listed, for this model).</li>
 *   <li>If {@code t > u} the host wants to be rented more than the typical host: price below the median,
 *       moving {@code (t − u) ÷ (1 − u)} of the way from {@code M} toward the 10th-percentile price. If
 *       {@code t < u} it can afford to be rented less: price above the median, moving {@code (u − t) ÷ u}
 *       of the way toward the 90th-percentile price. If {@code t = u}: the median.</li>
 *   <li>The move is computed exactly (the target read as the decimal it is written as, e.g. 0.85) and
 *       rounded toward the median to a whole micro-dollar; the result is always within [p10, p90].</li>
 * </ol>
 * So a target of 1 ("rent every GPU I have") suggests the p10 price (cheaper than 90 % of offers), a
 * target of 0 the p90 price, and the market's own utilisation the median. The suggestion is always one
 * of the prices between p10 and p90 of what is listed: never below the cheapest listed offer, never
 * negative, never a price the market has not shown it pays.
 *
 * <p>What it does not do: model how demand responds to price. It reads the spread of listed prices as
 * the range hosts compete in, and places the host within it by how eager it is. When fewer than
 * {@link #ENOUGH_OFFERS} offers are listed, a {@link PriceReason.FewOffers} reason says so.
 *
 * <p>Deterministic and stateless; thread-safe.
 */
public final class PriceAdvisor {

    /** Below this many listed offers the spread is too thin to trust much; the advice says so. */
    public static final int ENOUGH_OFFERS = 5;

    private PriceAdvisor() {
    }

    /**
     * Suggests a price for a host with {@code gpuModel} GPUs.
     *
     * @param gpuModel the host's GPU model
     * @param market the statistics of that model (see {@link MarketStatistics#forGpuModel})
     * @param targetUtilisation the share of its GPUs the host would like rented, 0..1
     * @throws IllegalArgumentException if an argument is missing, the statistics are of another model, or the
     *     target is not within 0..1
     */
    public static PriceAdvice suggest(String gpuModel, MarketStatistics market, double targetUtilisation) {
        if (gpuModel == null || gpuModel.isBlank()) {
            throw new IllegalArgumentException("gpuModel is required");
        }
        if (market == null) {
            throw new IllegalArgumentException("market statistics are required");
        }
        if (!market.gpuModel().equals(gpuModel)) {
            throw new IllegalArgumentException("market statistics are of " + market.gpuModel() + ", not " + gpuModel);
        }
        if (!(targetUtilisation >= 0 && targetUtilisation <= 1)) { // also rejects NaN
            throw new IllegalArgumentException("targetUtilisation must be between 0 and 1, was " + targetUtilisation);
        }
        if (market.onDemandPerGpuHour().isEmpty()) {
            return new PriceAdvice.NoAdvice(List.of(new PriceReason.NoListedOffers(gpuModel)));
        }
        PriceSummary listed = market.onDemandPerGpuHour().get();
        // Listed offers each have at least one GPU, so utilisation is known whenever prices are.
        double marketUtilisation = market.utilisation().orElseThrow();

        List<PriceReason> reasons = new ArrayList<>();
        reasons.add(new PriceReason.MarketMedian(gpuModel, listed.median(), listed.count()));
        // Compare and divide exactly: t × listed against rented, with t read as the decimal it was written
        // as (0.85, not 0.84999...), so equal inputs give equal answers on every machine.
        BigDecimal targetTimesListed = BigDecimal.valueOf(targetUtilisation).multiply(BigDecimal.valueOf(market.gpusListed()));
        BigDecimal rented = BigDecimal.valueOf(market.gpusRented());
        BigDecimal listedGpus = BigDecimal.valueOf(market.gpusListed());
        int comparison = targetTimesListed.compareTo(rented);
        Money suggested;
        if (comparison > 0) {
            reasons.add(new PriceReason.UtilisationGap(targetUtilisation, marketUtilisation, Direction.BELOW_MEDIAN));
            // (t − u) ÷ (1 − u) = (t × listed − rented) ÷ (listed − rented)
            BigDecimal numerator = targetTimesListed.subtract(rented);
            BigDecimal denominator = listedGpus.subtract(rented);
            suggested = moveToward(listed.median(), listed.p10(), numerator, denominator, listed);
            reasons.add(new PriceReason.MovedToward(listed.median(), PriceReason.Percentile.P10, listed.p10(),
                    share(numerator, denominator), suggested));
        } else if (comparison < 0) {
            reasons.add(new PriceReason.UtilisationGap(targetUtilisation, marketUtilisation, Direction.ABOVE_MEDIAN));
            // (u − t) ÷ u = (rented − t × listed) ÷ rented
            BigDecimal numerator = rented.subtract(targetTimesListed);
            suggested = moveToward(listed.median(), listed.p90(), numerator, rented, listed);
            reasons.add(new PriceReason.MovedToward(listed.median(), PriceReason.Percentile.P90, listed.p90(),
                    share(numerator, rented), suggested));
        } else {
            reasons.add(new PriceReason.UtilisationGap(targetUtilisation, marketUtilisation, Direction.AT_MEDIAN));
            suggested = listed.median();
        }
        reasons.add(new PriceReason.WithinObservedBand(listed.p10(), listed.p90()));
        if (listed.count() < ENOUGH_OFFERS) {
            reasons.add(new PriceReason.FewOffers(listed.count(), ENOUGH_OFFERS));
        }
        return new PriceAdvice.Suggested(suggested, reasons);
    }

    /**
     * {@code median} moved {@code shareNumerator ÷ shareDenominator} (0..1) of the way to {@code bound},
     * rounded toward the median to a whole micro-dollar, and kept within [p10, p90].
     */
    private static Money moveToward(Money median, Money bound, BigDecimal shareNumerator, BigDecimal shareDenominator,
                                    PriceSummary listed) {
        long distance = bound.micros() - median.micros();
        long step = BigDecimal.valueOf(Math.abs(distance)).multiply(shareNumerator)
                .divide(shareDenominator, 0, RoundingMode.FLOOR).longValueExact();
        Money moved = Money.ofMicros(median.micros() + Long.signum(distance) * Math.min(step, Math.abs(distance)));
        return moved.max(listed.p10()).min(listed.p90());
    }

    private static double share(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
    }
}
