package dev.assay.agent.bench.host;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;

/**
 * RAM copy bandwidth: two off-heap blocks of the same size; every thread repeatedly copies its own 1/threads slice
 * of the source block into the destination block until the sample's time is up. The figure counts bytes read plus
 * bytes written (2 × bytes copied, the same convention as the GPU copy), GB = 10⁹ bytes. The CPU's
 * read-for-ownership of the destination, if any, is not counted. Off-heap memory keeps the garbage collector out
 * of the timing and the heap size out of the block size.
 */
final class RamBench implements AutoCloseable {

    private static final long SLICE_ALIGN = 4096;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment source;
    private final MemorySegment destination;
    private final ExecutorService pool;
    private final int threads;
    private final Duration sample;

    /** Allocates both blocks and copies once, untimed, to fault their pages in and check the copy. */
    RamBench(long blockBytes, ExecutorService pool, int threads, Duration sample) {
        this.pool = pool;
        this.threads = threads;
        this.sample = sample;
        try {
            source = arena.allocate(blockBytes, SLICE_ALIGN);
            destination = arena.allocate(blockBytes, SLICE_ALIGN);
        } catch (OutOfMemoryError e) {
            arena.close();
            throw new IllegalStateException("cannot allocate 2 × " + (blockBytes >> 20) + " MiB off-heap", e);
        }
        for (long i = 0; i < blockBytes; i += Long.BYTES) {
            source.set(ValueLayout.JAVA_LONG_UNALIGNED, i, i * 0x9E3779B97F4A7C15L);
        }
        destination.fill((byte) 0x5A);
        MemorySegment.copy(source, 0, destination, 0, blockBytes);
        if (source.mismatch(destination) != -1) {
            throw new IllegalStateException("RAM copy check failed: the destination differs from the source");
        }
    }

    /**
     * The block size for a machine: {@code cap}, or 1/8 of the available memory when that is smaller (never below
     * 1 MiB), rounded down to whole MiB.
     */
    static long blockBytes(long cap, OptionalLong availableBytes) {
        long bytes = availableBytes.isPresent() ? Math.min(cap, availableBytes.getAsLong() / 8) : cap;
        return Math.max(1L << 20, bytes >> 20 << 20);
    }

    /** MemAvailable from /proc/meminfo (what can be had without swapping), else the JVM's free physical memory. */
    static OptionalLong availableMemoryBytes(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an odd /proc: ask the JVM instead
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return OptionalLong.of(os.getFreeMemorySize());
        }
        return OptionalLong.empty();
    }

    long blockBytes() {
        return source.byteSize();
    }

    /** One sample: GB/s read + written, over all threads, each copying its own slice. */
    double gigabytesPerSecond() {
        long slice = source.byteSize() / threads / SLICE_ALIGN * SLICE_ALIGN;
        double bytesCopiedPerSecond = ThreadedRate.perSecond(pool, threads, sample, thread -> {
            long offset = thread * slice;
            return () -> {
                MemorySegment.copy(source, offset, destination, offset, slice);
                return slice;
            };
        });
        return 2 * bytesCopiedPerSecond / 1e9;
    }

    @Override
    public void close() {
        arena.close();
    }
}
