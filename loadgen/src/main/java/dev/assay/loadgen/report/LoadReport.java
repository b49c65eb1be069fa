package dev.assay.loadgen.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a load run measured: one {@link OperationStats} per kind of operation, in the order they were first used,
 * and facts that are not latencies (agents connected, seconds spent enrolling, bytes per agent). Printed as a
 * table for people and as a map for JSON.
 */
public final class LoadReport {

    private final Map<String, OperationStats> operations = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /** The stats of operation {@code name}, made on first use. */
    public OperationStats operation(String name) {
        return operations.computeIfAbsent(name, n -> {
            synchronized (order) {
                order.add(n);
            }
            return new OperationStats(n);
        });
    }

    /** A figure that is not a latency, e.g. {@code fact("agents_connected", 10000)}. */
    public void fact(String name, Object value) {
        synchronized (facts) {
            facts.put(name, value);
        }
    }

    public long totalErrors() {
        return operations.values().stream().mapToLong(OperationStats::errors).sum();
    }

    /** The table: one row per operation, throughput over {@code seconds}, latency percentiles in milliseconds. */
    public void print(PrintWriter out, double seconds) {
        out.printf(Locale.ROOT, "%-24s %10s %10s %9s %9s %9s %9s %9s %8s%n",
                "operation", "count", "per second", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
        for (OperationStats op : inOrder()) {
            out.printf(Locale.ROOT, "%-24s %10d %10.1f %9.2f %9.2f %9.2f %9.2f %9.2f %8d%n",
                    op.name(), op.successes(), op.successes() / seconds, millis(op.percentileMicros(50)),
                    millis(op.percentileMicros(90)), millis(op.percentileMicros(99)),
                    millis(op.percentileMicros(99.9)), millis(op.maxMicros()), op.errors());
        }
        synchronized (facts) {
            facts.forEach((name, value) -> out.printf(Locale.ROOT, "%-24s %s%n", name, value));
        }
        for (OperationStats op : inOrder()) {
            for (String error : op.firstErrors()) {
                out.printf(Locale.ROOT, "error %-18s %s%n", op.name(), error);
            }
        }
        out.flush();
    }

    /** The same as {@link #print}, as nested maps for a JSON writer. */
    public Map<String, Object> asMap(double seconds) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seconds", round(seconds));
        Map<String, Object> ops = new LinkedHashMap<>();
        for (OperationStats op : inOrder()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", op.successes());
            row.put("per_second", round(op.successes() / seconds));
            row.put("p50_ms", millis(op.percentileMicros(50)));
            row.put("p90_ms", millis(op.percentileMicros(90)));
            row.put("p99_ms", millis(op.percentileMicros(99)));
            row.put("p999_ms", millis(op.percentileMicros(99.9)));
            row.put("max_ms", millis(op.maxMicros()));
            row.put("errors", op.errors());
            row.put("first_errors", op.firstErrors());
            ops.put(op.name(), row);
        }
        map.put("operations", ops);
        synchronized (facts) {
            map.put("facts", new LinkedHashMap<>(facts));
        }
        return map;
    }

    private List<OperationStats> inOrder() {
        synchronized (order) {
            return order.stream().map(operations::get).toList();
        }
    }

    private static double millis(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
