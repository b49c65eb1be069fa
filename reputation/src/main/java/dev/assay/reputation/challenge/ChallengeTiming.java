package dev.assay.reputation.challenge;

import dev.assay.reputation.sku.GpuSku;
import java.time.Duration;
import java.util.Objects;

/**
 * How long an honest GPU of the claimed SKU may take to answer:
 *
 * <pre>limit = generousFactor × 2n³ ÷ INT8 peak  +  4n² bytes ÷ transferGbps  +  fixedAllowance</pre>
 *
 * <ul>
 *   <li>The first term is the multiplication at the datasheet's dense INT8 peak (two operations per
 *       multiply-add), times {@code generousFactor} (default 10): real INT8 GEMMs reach 50–80 % of peak,
 *       generating A and B on the GPU costs a little, and the check must never fail an honest host.
 *   <li>The second term lets the host copy C to the CPU and hash it: 4n² bytes at {@code transferGbps}
 *       (default 1 GB/s, a single slow CPU core hashing).
 *   <li>The third covers the network round trip and starting up ({@code fixedAllowance}, default 2 s).
 * </ul>
 *
 * <p>The check is coarse on purpose. It catches a host that has no GPU of the class it claims (a CPU, or
 * a far older GPU, emulating it), and the gap widens with n because the work grows as n³ and the
 * allowances as n² and 1. Telling close GPU models apart is the job of the benchmarks and
 * {@code PlausibilityCheck}.
 *
 * @throws IllegalArgumentException naming the field, if a setting is out of range
 */
public record ChallengeTiming(double generousFactor, double transferGbps, Duration fixedAllowance) {

    public ChallengeTiming {
        if (!(generousFactor >= 1 && generousFactor <= 1_000)) {
            throw new IllegalArgumentException("generousFactor must be within 1..1000, was " + generousFactor);
        }
        if (!(transferGbps > 0 && transferGbps <= 10_000)) {
            throw new IllegalArgumentException("transferGbps must be within 0..10000 (exclusive of 0), was " + transferGbps);
        }
        Objects.requireNonNull(fixedAllowance, "fixedAllowance");
        if (fixedAllowance.isNegative() || fixedAllowance.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("fixedAllowance must be within 0..10 minutes, was " + fixedAllowance);
        }
    }

    /** Factor 10, 1 GB/s for copying and hashing C, 2 s fixed. */
    public static ChallengeTiming defaults() {
        return new ChallengeTiming(10, 1, Duration.ofSeconds(2));
    }

    /** The time limit for this challenge on a GPU of the claimed SKU, rounded up to a whole microsecond. */
    public Duration limit(ChallengeSpec spec, GpuSku claimed) {
        double computeSeconds = 2 * spec.multiplyAdds() / (claimed.datasheetPeaks().int8Tops() * 1e12);
        double transferSeconds = spec.productBytes() / (transferGbps * 1e9);
        double variableSeconds = generousFactor * computeSeconds + transferSeconds;
        long micros = (long) Math.ceil(variableSeconds * 1e6);
        return fixedAllowance.plus(Duration.ofNanos(micros * 1_000));
    }
}
