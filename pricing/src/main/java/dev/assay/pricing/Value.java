package dev.assay.pricing;

/**
 * What a renter gets per dollar-hour of an offer: the figures that let offers of different GPUs and
 * prices be compared on one scale.
 *
 * <p>Each figure is the pod's total (per-GPU figure × GPUs) divided by its all-in price in dollars per
 * hour (see {@link AllInPrice}):
 * <ul>
 *   <li>{@code scorePerDollarHour} = Assay Score × GPUs ÷ all-in $/h (the marketplace's "value");</li>
 *   <li>{@code tflopsPerDollarHour} = dense BF16 tensor TFLOPS × GPUs ÷ all-in $/h;</li>
 *   <li>{@code memBandwidthGbpsPerDollarHour} = memory bandwidth GB/s × GPUs ÷ all-in $/h;</li>
 *   <li>{@code vramGbPerDollarHour} = VRAM GB × GPUs ÷ all-in $/h.</li>
 * </ul>
 * These are ratios, not money, so they are doubles. Higher is better.
 */
public record Value(double scorePerDollarHour, double tflopsPerDollarHour, double memBandwidthGbpsPerDollarHour,
                    double vramGbPerDollarHour) {

    /**
     * The value figures of an offer.
     *
     * @param assayScorePerGpu the Assay Score of one GPU; finite and not negative
     * @param gpus GPUs in the pod; at least 1
     * @param allInPerHour the pod's all-in price per hour; must be positive
     * @param tflopsBf16PerGpu measured BF16 tensor TFLOPS of one GPU; finite and not negative
     * @param memBandwidthGbpsPerGpu measured memory bandwidth of one GPU in GB/s; finite and not negative
     * @param vramGbPerGpu VRAM of one GPU in GB; finite and not negative
     * @throws IllegalArgumentException if an argument is outside the range stated above
     */
    public static Value of(double assayScorePerGpu, int gpus, Money allInPerHour,
                           double tflopsBf16PerGpu, double memBandwidthGbpsPerGpu, double vramGbPerGpu) {
        if (allInPerHour == null || !allInPerHour.isPositive()) {
            throw new IllegalArgumentException("allInPerHour must be positive, was " + allInPerHour);
        }
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus must be at least 1, was " + gpus);
        }
        double dollarsPerHour = allInPerHour.toDollarsApprox();
        return new Value(
                perDollarHour(assayScorePerGpu, "assayScorePerGpu", gpus, dollarsPerHour),
                perDollarHour(tflopsBf16PerGpu, "tflopsBf16PerGpu", gpus, dollarsPerHour),
                perDollarHour(memBandwidthGbpsPerGpu, "memBandwidthGbpsPerGpu", gpus, dollarsPerHour),
                perDollarHour(vramGbPerGpu, "vramGbPerGpu", gpus, dollarsPerHour));
    }

    private static double perDollarHour(double perGpu, String field, int gpus, double dollarsPerHour) {
        if (!Double.isFinite(perGpu) || perGpu < 0) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + perGpu);
        }
        return perGpu * gpus / dollarsPerHour;
    }
}
