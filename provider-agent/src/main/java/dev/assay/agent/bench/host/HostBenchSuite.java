package dev.assay.agent.bench.host;

import dev.assay.agent.probe.HostProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The host benchmark suite, in pure Java: CPU, RAM and disk figures beside the GPU ones. Every figure is the
 * median of at least 3 timed samples (see {@link HostBenchOptions}), reported with all samples and their relative
 * spread (population standard deviation ÷ mean). Nothing is estimated or looked up: each number is a measurement
 * on this machine, with the definition below.
 * <ul>
 *   <li>{@value #CPU_SINGLE_CORE_SCORE} ({@value #SCORE}): {@link CpuWorkload} units completed per second by one
 *       thread. One unit is SHA-256 over 64 KiB plus a 32×32 double-precision matrix product (32,768
 *       multiply-adds); the workload is fixed and deterministic, so scores of the same suite version compare.
 *   <li>{@value #CPU_MULTI_CORE_SCORE} ({@value #SCORE}): the same units per second, summed over one thread per
 *       logical CPU the JVM may use, all running at once. The notes give multi ÷ single (the scaling ratio).
 *   <li>{@value #RAM_BANDWIDTH_GBPS} ({@value #GBPS}): copy bandwidth between two off-heap blocks of
 *       min(256 MiB, 1/8 of available memory) each, one thread per logical CPU each copying its own slice,
 *       counting bytes read + bytes written; GB = 10⁹ bytes. See {@link RamBench}.
 *   <li>{@value #DISK_WRITE_MBPS} ({@value #MBPS}): sequential write of a fresh temporary file, 1 MiB chunks,
 *       fsync included; MB = 10⁶ bytes. See {@link DiskBench}.
 *   <li>{@value #DISK_READ_MBPS} ({@value #MBPS}): sequential read of that file, with O_DIRECT where the
 *       filesystem supports it. Where it does not, the read may be served from the page cache (RAM) unless the
 *       file is larger than RAM, and the notes say so.
 * </ul>
 * A part that fails (an unwritable directory, no memory for the blocks) is listed under errors and its figures
 * are absent, never zero; the others are still measured. The temporary file is deleted in every case.
 * Run one suite at a time: two at once would measure each other.
 */
public final class HostBenchSuite {

    /** Bump when a figure's definition or workload changes: figures of different versions don't compare. */
    public static final String VERSION = "assay-hostbench/1";

    public static final String CPU_SINGLE_CORE_SCORE = "cpu_single_core_score";
    public static final String CPU_MULTI_CORE_SCORE = "cpu_multi_core_score";
    public static final String RAM_BANDWIDTH_GBPS = "ram_bandwidth_gbps";
    public static final String DISK_READ_MBPS = "disk_read_mbps";
    public static final String DISK_WRITE_MBPS = "disk_write_mbps";
    public static final String SCORE = "score";
    public static final String GBPS = "GB/s";
    public static final String MBPS = "MB/s";

    /** Each of the five figures gets this share of the time budget (warm-up included). */
    private static final double SHARE = 0.2;
    /** Three warm-up samples this close mean the code is compiled and the timed samples can start. */
    private static final double WARM_TOLERANCE = 0.10;
    /**
     * A cold JVM needs about half a second of this workload before the JIT's last tier is in (measured on a busy
     * 2-core machine), whatever the budget: figures taken earlier would measure the compiler, not the CPU.
     */
    private static final double WARM_UP_SHARE = 0.25;
    private static final long WARM_UP_MAX_NANOS = 1_000_000_000L;

    private final HostBenchOptions options;
    private final int threads;
    private final List<HostFigure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private HostBenchSuite(HostBenchOptions options, int threads) {
        this.options = options;
        this.threads = threads;
    }

    /** Runs the whole suite; takes about {@code options.budget()} (more only when 3 samples take longer). */
    public static HostBenchReport run(HostBenchOptions options) {
        int threads = Runtime.getRuntime().availableProcessors();
        return new HostBenchSuite(options, threads).measure();
    }

    private HostBenchReport measure() {
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "assay-hostbench-" + named.incrementAndGet());
            t.setDaemon(true); // a stuck measurement must not keep the agent from exiting
            return t;
        });
        try {
            part("cpu", () -> cpu(pool));
            part("ram", () -> ram(pool));
        } finally {
            pool.shutdownNow();
        }
        part("disk", this::disk);
        String cpuModel = new HostProbe(Path.of("/proc")).probe().cpuModel();
        return new HostBenchReport(VERSION, cpuModel, threads, figures, notes, errors);
    }

    private void cpu(ExecutorService pool) {
        CpuBench single = new CpuBench(pool, 1, options.cpuSample());
        long singleDeadline = deadline();
        warmUp(single::unitsPerSecond); // the JIT compiles the workload first
        Samples singleScores = Samples.collect(options.repeats(), singleDeadline, single::unitsPerSecond);
        figures.add(singleScores.figure(CPU_SINGLE_CORE_SCORE, SCORE,
                "CpuWorkload units (SHA-256 of 64 KiB + 32x32 FP64 matrix product) per second, 1 thread, "
                        + sampleMillis(options.cpuSample().toMillis())));
        CpuBench multi = new CpuBench(pool, threads, options.cpuSample());
        long multiDeadline = deadline();
        warmUp(multi::unitsPerSecond); // every pool thread started and its code compiled
        Samples multiScores = Samples.collect(options.repeats(), multiDeadline, multi::unitsPerSecond);
        figures.add(multiScores.figure(CPU_MULTI_CORE_SCORE, SCORE,
                "the same units per second summed over " + threads + " threads at once, "
                        + sampleMillis(options.cpuSample().toMillis())));
        notes.add(String.format(Locale.ROOT, "cpu: %d threads; multi-core / single-core scaling ratio %.2f",
                threads, multiScores.median() / singleScores.median()));
    }

    private void ram(ExecutorService pool) {
        long blockBytes = RamBench.blockBytes(options.ramBlockCapBytes(),
                RamBench.availableMemoryBytes(Path.of("/proc/meminfo")));
        long deadline = deadline();
        try (RamBench ram = new RamBench(blockBytes, pool, threads, options.ramSample())) {
            Samples samples = Samples.collect(options.repeats(), deadline, ram::gigabytesPerSecond);
            figures.add(samples.figure(RAM_BANDWIDTH_GBPS, GBPS, "copy between two off-heap blocks of "
                    + (blockBytes >> 20) + " MiB, " + threads + " threads, bytes read + written, "
                    + sampleMillis(options.ramSample().toMillis())));
        }
    }

    private void disk() {
        Path directory = options.diskDirectory();
        DiskBench disk;
        try {
            disk = new DiskBench(directory, options.diskMib());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + directory, e);
        }
        try (disk) {
            Samples writes = Samples.collect(options.repeats(), deadline(), disk::writeMegabytesPerSecond);
            figures.add(writes.figure(DISK_WRITE_MBPS, MBPS, "sequential write of " + options.diskMib()
                    + " MiB in 1 MiB chunks to a temporary file in " + directory + " (" + disk.filesystemType()
                    + "), fsync included"));
            Samples reads = Samples.collect(options.repeats(), deadline(), disk::readMegabytesPerSecond);
            figures.add(reads.figure(DISK_READ_MBPS, MBPS, "sequential read of that file in 1 MiB chunks, "
                    + (disk.directRead() ? "O_DIRECT" : "through the page cache")));
            if (disk.inMemory()) {
                notes.add("disk: " + directory + " is on " + disk.filesystemType() + ", which keeps files in RAM: "
                        + "the disk figures measure memory, not a disk");
            }
            notes.add(disk.directRead()
                    ? "disk: reads used O_DIRECT, bypassing the page cache (" + disk.filesystemType() + ")"
                    : "disk: O_DIRECT is not supported in " + directory + " (" + disk.filesystemType() + "); reads "
                            + "went through the page cache and were likely served from RAM, unless the "
                            + options.diskMib() + " MiB file is larger than RAM");
        } catch (IOException e) {
            errors.add("disk: cannot delete " + disk.file() + ": " + e.getMessage());
        }
    }

    /** Warm-up takes at most a quarter of the budget, and at most 1 s; the samples then take at least 3. */
    private void warmUp(DoubleSupplier sample) {
        long cap = Math.min(WARM_UP_MAX_NANOS, (long) (options.budget().toNanos() * WARM_UP_SHARE));
        Samples.warmUp(sample, WARM_TOLERANCE, System.nanoTime() + cap);
    }

    /** When the next figure's share of the budget (its warm-up included) runs out. */
    private long deadline() {
        return System.nanoTime() + (long) (options.budget().toNanos() * SHARE);
    }

    /** A failed part is recorded and the suite goes on: a full disk must not hide the CPU figures. */
    private void part(String name, Runnable body) {
        try {
            body.run();
        } catch (UncheckedIOException e) {
            errors.add(name + ": " + e.getMessage() + " (" + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage() + ")");
        } catch (IllegalStateException | OutOfMemoryError e) {
            errors.add(name + ": " + e.getMessage());
        } catch (RuntimeException e) { // a defect here must still not cost the other figures
            errors.add(name + ": " + e);
        }
    }

    private static String sampleMillis(long millis) {
        return millis + " ms per sample";
    }
}
