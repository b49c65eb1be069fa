package dev.assay.pricing;

/**
 * The all-in price of a pod per hour: GPU price × GPUs, plus the storage the pod asks for.
 *
 * <p>Hosts price storage per GB-month; a month is {@value #HOURS_PER_MONTH} hours (365 × 24 ÷ 12). The
 * hourly storage price of the whole disk is rounded <em>up</em> to a whole micro-dollar, so the price a
 * renter sees is never below what they will pay. Rounding is applied once, to the pod's whole disk, not
 * per GB.
 */
public final class AllInPrice {

    /** Hours in the "month" of a per-GB-month storage price: 365 × 24 ÷ 12. */
    public static final long HOURS_PER_MONTH = 730;

    private AllInPrice() {
    }

    /**
     * {@code gpuPricePerGpuHour × gpus + storagePerHour(storagePricePerGbMonth, diskGb)}.
     *
     * @throws IllegalArgumentException if a price is null or negative, {@code gpus < 1} or {@code diskGb < 0}
     * @throws ArithmeticException if the price does not fit in {@link Money}
     */
    public static Money perHour(Money gpuPricePerGpuHour, int gpus, Money storagePricePerGbMonth, long diskGb) {
        ExactMath.requireNonNegative(gpuPricePerGpuHour, "gpuPricePerGpuHour");
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be at least 1, was " + gpus);
        }
        return gpuPricePerGpuHour.times(gpus).plus(storagePerHour(storagePricePerGbMonth, diskGb));
    }

    /**
     * The hourly price of {@code diskGb} of storage: {@code ceil(storagePricePerGbMonth × diskGb ÷ 730)}
     * micro-dollars. Also what a stopped pod whose disk is kept costs per hour.
     *
     * @throws IllegalArgumentException if the price is null or negative or {@code diskGb < 0}
     * @throws ArithmeticException if the price does not fit in {@link Money}
     */
    public static Money storagePerHour(Money storagePricePerGbMonth, long diskGb) {
        ExactMath.requireNonNegative(storagePricePerGbMonth, "storagePricePerGbMonth");
        if (diskGb < 0) {
            throw new IllegalArgumentException("diskGb must not be negative, was " + diskGb);
        }
        return Money.ofMicros(ExactMath.multiplyDivideCeiling(storagePricePerGbMonth.micros(), diskGb, HOURS_PER_MONTH));
    }
}
