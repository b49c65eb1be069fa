package dev.assay.agent.bench.host;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Sizes, repeats and the time budget of one {@link HostBenchSuite} run.
 *
 * @param diskDirectory where the disk figures' temporary file is written (it measures that filesystem's device)
 * @param repeats timed samples wanted per figure; at least 3 are always taken, even past the budget
 * @param cpuSample how long one CPU sample runs the workload
 * @param ramBlockCapBytes upper bound of each of the two RAM copy blocks (the suite also keeps them ≤ 1/8 of the
 *     available memory)
 * @param ramSample how long one RAM sample keeps copying
 * @param diskMib size of the file each disk sample writes or reads, MiB
 * @param budget time the whole suite aims to stay within; a figure stops repeating once it has 3 samples and its
 *     share of the budget is spent
 */
public record HostBenchOptions(Path diskDirectory, int repeats, Duration cpuSample, long ramBlockCapBytes,
                               Duration ramSample, int diskMib, Duration budget) {

    /** Fewer samples would give no spread worth reporting. */
    public static final int MIN_REPEATS = 3;

    public HostBenchOptions {
        if (diskDirectory == null) {
            throw new IllegalArgumentException("a directory for the disk figures is needed");
        }
        if (repeats < MIN_REPEATS || repeats > 100) {
            throw new IllegalArgumentException("repeats must be within " + MIN_REPEATS + "..100, was " + repeats);
        }
        if (!positive(cpuSample) || !positive(ramSample) || !positive(budget)) {
            throw new IllegalArgumentException("sample durations and the budget must be positive");
        }
        if (ramBlockCapBytes < (1 << 20) || diskMib < 1 || diskMib > 64 * 1024) {
            throw new IllegalArgumentException("the RAM block must be at least 1 MiB and the disk file 1 MiB..64 GiB");
        }
    }

    /** The agent's default: about 10 s on a server with an SSD, at most about 15 s unless the disk is very slow. */
    public static HostBenchOptions standard(Path diskDirectory) {
        return new HostBenchOptions(diskDirectory, 5, Duration.ofMillis(400), 256L << 20, Duration.ofMillis(250),
                128, Duration.ofSeconds(15));
    }

    /**
     * For tests and a first look: under about 2 s, small sizes (a 32 MiB RAM block may partly fit a large L3
     * cache; an 8 MiB file is more fsync latency than throughput). Its figures are measured, but rougher.
     */
    public static HostBenchOptions quick(Path diskDirectory) {
        return new HostBenchOptions(diskDirectory, MIN_REPEATS, Duration.ofMillis(60), 32L << 20,
                Duration.ofMillis(40), 8, Duration.ofSeconds(2));
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
