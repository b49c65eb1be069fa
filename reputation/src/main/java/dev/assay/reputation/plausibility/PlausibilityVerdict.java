package dev.assay.reputation.plausibility;

import dev.assay.reputation.plausibility.PlausibilityFinding.AboveCeiling;
import dev.assay.reputation.plausibility.PlausibilityFinding.BelowBaseline;
import dev.assay.reputation.plausibility.PlausibilityFinding.FactMismatch;
import java.util.List;

/**
 * What a benchmark report is, judged against the SKU it claims. The verdict is the worst case that
 * applies, in this order: {@link Impossible}, {@link Suspicious}, {@link Degraded}, {@link Plausible};
 * every verdict carries all its findings, so an impossible report that is also on the wrong PCI id says
 * both.
 */
public sealed interface PlausibilityVerdict {

    /** The claimed SKU's id. */
    String skuId();

    /** Everything found wrong (empty only for {@link Plausible}). */
    List<PlausibilityFinding> findings();

    /** Consistent with the claimed SKU: the figures may be shown and scored. */
    record Plausible(String skuId) implements PlausibilityVerdict {
        @Override
        public List<PlausibilityFinding> findings() {
            return List.of();
        }
    }

    /** The facts fit, but some figure is far below the baseline: a throttled, faulty or shared GPU. */
    record Degraded(String skuId, List<PlausibilityFinding> findings) implements PlausibilityVerdict {
        public Degraded {
            findings = List.copyOf(findings);
        }

        /** The figures that fell short. */
        public List<BelowBaseline> shortfalls() {
            return findings.stream().filter(BelowBaseline.class::isInstance).map(BelowBaseline.class::cast).toList();
        }
    }

    /** NVML facts contradict the claimed SKU: the GPU is probably not what the host says it is. */
    record Suspicious(String skuId, List<PlausibilityFinding> findings) implements PlausibilityVerdict {
        public Suspicious {
            findings = List.copyOf(findings);
        }

        /** The facts that contradict the SKU. */
        public List<FactMismatch> mismatches() {
            return findings.stream().filter(FactMismatch.class::isInstance).map(FactMismatch.class::cast).toList();
        }
    }

    /** Some figure is above what the claimed SKU can physically do: the report is false. */
    record Impossible(String skuId, List<PlausibilityFinding> findings) implements PlausibilityVerdict {
        public Impossible {
            findings = List.copyOf(findings);
        }

        /** The figures above the physical limit. */
        public List<AboveCeiling> excesses() {
            return findings.stream().filter(AboveCeiling.class::isInstance).map(AboveCeiling.class::cast).toList();
        }
    }
}
