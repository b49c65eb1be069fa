package dev.assay.agent.bench.host;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** CPU throughput: {@link CpuWorkload} units completed per second by {@code threads} threads side by side. */
final class CpuBench {

    private final ExecutorService pool;
    private final int threads;
    private final Duration sample;
    /** The checksums end here, so the JIT cannot prove the work unused and drop it. */
    private volatile long sink;

    /** {@code pool} must have at least {@code threads} free threads. */
    CpuBench(ExecutorService pool, int threads, Duration sample) {
        this.pool = pool;
        this.threads = threads;
        this.sample = sample;
    }

    /** One sample: units per second over all threads. */
    double unitsPerSecond() {
        return ThreadedRate.perSecond(pool, threads, sample, thread -> {
            CpuWorkload work = new CpuWorkload(); // each thread its own buffers: nothing shared, no false sharing
            return () -> {
                sink = work.unit();
                return 1;
            };
        });
    }
}
