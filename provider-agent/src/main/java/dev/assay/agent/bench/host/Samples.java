package dev.assay.agent.bench.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Repeated measurements of one figure and their summary: median and relative spread. */
record Samples(List<Double> values) {

    /** Warm-up ends when this many samples in a row agree. */
    private static final int STEADY = 3;

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

    /**
     * Untimed warm-up: samples until the last {@value #STEADY} agree within {@code tolerance} (largest ÷ smallest
     * − 1; the JIT has compiled the workload, threads and pages are in place) or {@code untilNanos} has passed.
     * Two in a row are not enough: a cold JVM can sit on a slower compiled tier for a couple of samples. Returns how
     * many samples it took.
     */
    static int warmUp(DoubleSupplier sample, double tolerance, long untilNanos) {
        ArrayDeque<Double> last = new ArrayDeque<>();
        int taken = 0;
        do {
            last.addLast(sample.getAsDouble());
            taken++;
            if (last.size() > STEADY) {
                last.removeFirst();
            }
            if (last.size() == STEADY && steady(last, tolerance)) {
                break;
            }
        } while (System.nanoTime() < untilNanos);
        return taken;
    }

    private static boolean steady(Collection<Double> values, double tolerance) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return min > 0 && max / min - 1 <= tolerance;
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
