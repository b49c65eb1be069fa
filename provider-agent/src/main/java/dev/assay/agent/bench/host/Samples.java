package dev.assay.agent.bench.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Repeated measurements of one figure and their summary: median and relative spread. */
record Samples(List<Double> values) {

    Samples {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        values = List.copyOf(values);
    }

    /**
     * Takes samples until {@code wanted} are in, or until the deadline has passed once {@link
     * HostBenchOptions#MIN_REPEATS} are in: a slow machine gets fewer samples, never fewer than the minimum.
     */
    static Samples collect(int wanted, long deadlineNanos, DoubleSupplier sample) {
        List<Double> values = new ArrayList<>();
        while (values.size() < wanted
                && (values.size() < HostBenchOptions.MIN_REPEATS || System.nanoTime() < deadlineNanos)) {
            values.add(sample.getAsDouble());
        }
        return new Samples(values);
    }

    double median() {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Population standard deviation ÷ mean; 0 when the mean is 0. */
    double relativeSpread() {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean == 0) {
            return 0;
        }
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
        return Math.sqrt(variance) / mean;
    }

    HostFigure figure(String name, String unit, String method) {
        return new HostFigure(name, median(), unit, values, relativeSpread(), method);
    }

    @Override
    public String toString() {
        return Arrays.toString(values.toArray());
    }
}
