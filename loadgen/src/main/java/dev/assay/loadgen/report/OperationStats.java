package dev.assay.loadgen.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one kind of operation did during a run (a heartbeat's round trip, a search, a pod created): the latency of
 * each success in microseconds, and the failures with the first few reasons. Safe to record from many threads.
 */
public final class OperationStats {

    private static final int FIRST_ERRORS_KEPT = 5;
    /** An hour in microseconds: anything slower is recorded as an hour (and is an error in all but name). */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final String name;
    private final Histogram latencies = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final AtomicLong errors = new AtomicLong();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    OperationStats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** One success that took {@code nanos}. */
    public void succeeded(long nanos) {
        latencies.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    /** One failure; the first few reasons are kept for the report. */
    public void failed(String reason) {
        errors.incrementAndGet();
        if (firstErrors.size() < FIRST_ERRORS_KEPT) {
            firstErrors.add(reason);
        }
    }

    public long successes() {
        return latencies.getTotalCount();
    }

    public long errors() {
        return errors.get();
    }

    public List<String> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    /** The latency at {@code percentile} (0..100) in microseconds; 0 when nothing succeeded. */
    public long percentileMicros(double percentile) {
        return latencies.getValueAtPercentile(percentile);
    }

    public long maxMicros() {
        return latencies.getMaxValue();
    }
}
