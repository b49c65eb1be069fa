package dev.assay.agent.bench.host;

import java.util.List;

/**
 * One measured host figure: the median of its {@code samples}, in {@code unit}, with their relative spread
 * (population standard deviation ÷ mean) and how it was measured.
 */
public record HostFigure(String name, double value, String unit, List<Double> samples, double relativeSpread,
                         String method) {

    public HostFigure {
        samples = List.copyOf(samples);
    }
}
