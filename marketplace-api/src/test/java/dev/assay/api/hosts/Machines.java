package dev.assay.api.hosts;

import dev.assay.matching.inventory.Tier;
import dev.assay.pricing.Money;
import dev.assay.reputation.plausibility.NvmlFacts;
import dev.assay.reputation.score.MeasuredFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test machines and offers: SIMULATED specs to register through {@link HostRegistry}. */
public final class Machines {

    /** Figures an RTX 4090 plausibly measures (above 0.7 × its estimated baseline, below its datasheet). */
    public static final MeasuredFigures RTX_4090_FIGURES = new MeasuredFigures(150, 900, 70, 25);
    public static final NvmlFacts RTX_4090_FACTS = new NvmlFacts("NVIDIA GeForce RTX 4090", 0x2684, 24_000, 384);

    private Machines() {}

    /** {@code count} × {@code nvmlName} with the given figures, community tier, us-east. */
    public static MachineSpec machine(String nvmlName, int count, double vramGb, MeasuredFigures figures) {
        List<GpuSpec> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gpus.add(new GpuSpec(nvmlName, Optional.empty(), vramGb, figures));
        }
        return new MachineSpec("test rig", Tier.COMMUNITY, "us-east", "", "US", 32, 128, 2000, 2000, 500, 1000,
                "550.54.15", "12.4", gpus, true);
    }

    public static MachineSpec rtx4090s(int count) {
        return machine("NVIDIA GeForce RTX 4090", count, 24, RTX_4090_FIGURES);
    }

    /** On demand {@code dollars}/GPU-h, min bid half of it, storage $0.10/GB-month, pods of 1 GPU or more. */
    public static OfferTerms offer(String dollars) {
        Money price = Money.parse(dollars);
        return new OfferTerms(price, Money.ofMicros(price.micros() / 2), Money.parse("0.10"), 1, Optional.empty());
    }

    public static OfferTerms offer(String dollars, int minGpus, Instant until) {
        Money price = Money.parse(dollars);
        return new OfferTerms(price, Money.ofMicros(price.micros() / 2), Money.parse("0.10"), minGpus,
                Optional.ofNullable(until));
    }
}
