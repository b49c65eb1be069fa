package dev.assay.agent.bench;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.assay.agent.cuda.CudaDriver;
import dev.assay.agent.cuda.CudaException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The GPU benchmark suite, run through the CUDA driver API. Every timing is taken with CUDA events on
 * the default stream around one operation, after warm-up runs; a figure is the best of the repeats,
 * with the median beside it. Kernels check their results on known inputs before they are timed.
 *
 * <p>Conventions (the same as the PyTorch comparison script): a device-to-device copy of N bytes counts
 * 2N bytes moved (read + write), a triad over N floats counts 12N bytes (two reads, one write), host
 * transfers count N bytes; GB is 10^9 bytes; one FMA is two floating-point operations and one int8
 * multiply-add two operations.
 */
public final class BenchSuite {

    /** Bump when a figure's definition or workload changes: figures of different versions don't compare. */
    public static final String VERSION = "assay-bench/1";

    private static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    private static final double KERNEL_TARGET_MILLIS = 25;
    private static final int BLOCK = 256;

    private final CudaDriver cuda;
    private final BenchOptions options;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int multiprocessors;

    private BenchSuite(CudaDriver cuda, BenchOptions options) {
        this.cuda = cuda;
        this.options = options;
    }

    /** Runs the suite on one device. @throws NoCudaDriver where there is no driver or no such device. */
    public static BenchReport run(BenchOptions options, String agentVersion) {
        CudaDriver cuda;
        try {
            cuda = CudaDriver.open().orElseThrow(() ->
                    new NoCudaDriver("no CUDA driver: " + CudaDriver.LIBRARY + " not found on this machine"));
        } catch (CudaException e) {
            throw new NoCudaDriver("no usable CUDA driver: " + e.getMessage());
        }
        try (cuda) {
            int count = cuda.deviceCount();
            if (options.device() >= count) {
                throw new NoCudaDriver("no CUDA device " + options.device() + ": the driver sees " + count);
            }
            return new BenchSuite(cuda, options).measure(agentVersion);
        }
    }

    private BenchReport measure(String agentVersion) {
        cuda.useDevice(options.device());
        multiprocessors = cuda.attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        String capability = cuda.attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR) + "."
                + cuda.attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int version = cuda.driverVersion();
        part("device-to-device copy", this::deviceToDevice);
        part("host transfers", this::hostTransfers);
        part("kernels", this::kernels);
        return new BenchReport(VERSION, agentVersion, cuda.deviceName(), capability, multiprocessors,
                version / 1000 + "." + (version % 1000) / 10, List.copyOf(figures), List.copyOf(checks),
                List.copyOf(errors));
    }

    /** A failed part is recorded and the suite goes on: one bad kernel must not hide the copy figures. */
    private void part(String name, Runnable body) {
        try {
            body.run();
        } catch (CudaException | BenchCheckFailed | IllegalStateException e) {
            errors.add(name + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            errors.add(name + ": cannot read " + e.getCause().getMessage());
        }
    }

    private void deviceToDevice() {
        long bytes = options.copyMib() << 20;
        long src = cuda.malloc(bytes);
        long dst = cuda.malloc(bytes);
        try {
            cuda.memsetD32(src, 0x3F8CCCCD, bytes / 4);
            cuda.memsetD32(dst, 0xFFFFFFFF, bytes / 4);
            double[] millis = time(() -> cuda.copyDeviceToDevice(dst, src, bytes));
            expectWords("cuMemcpyDtoD", dst, bytes, 0x3F8CCCCD);
            add("d2d_copy_bandwidth", millis, 2.0 * bytes / 1e9, "GB/s",
                    "cuMemcpyDtoD_v2 of " + options.copyMib() + " MiB, counting bytes read + written");
        } finally {
            cuda.free(src);
            cuda.free(dst);
        }
    }

    private void hostTransfers() {
        long bytes = options.hostMib() << 20;
        MemorySegment host = cuda.mallocHost(bytes);
        long device = cuda.malloc(bytes);
        try {
            host.fill((byte) 0x5A);
            double[] h2d = time(() -> cuda.copyHostToDevice(device, host, bytes));
            expectWords("cuMemcpyHtoD", device, bytes, 0x5A5A5A5A);
            add("h2d_pinned_bandwidth", h2d, bytes / 1e9, "GB/s",
                    "cuMemcpyHtoD_v2 of " + options.hostMib() + " MiB from cuMemAllocHost_v2 memory");
            cuda.memsetD32(device, 0x3C3C3C3C, bytes / 4);
            double[] d2h = time(() -> cuda.copyDeviceToHost(host, device, bytes));
            if (host.get(JAVA_INT, bytes - 4) != 0x3C3C3C3C || host.get(JAVA_INT, 0) != 0x3C3C3C3C) {
                throw new BenchCheckFailed("cuMemcpyDtoH: host buffer does not hold what the device did");
            }
            add("d2h_pinned_bandwidth", d2h, bytes / 1e9, "GB/s",
                    "cuMemcpyDtoH_v2 of " + options.hostMib() + " MiB into cuMemAllocHost_v2 memory");
        } finally {
            cuda.free(device);
            cuda.freeHost(host);
        }
    }

    private void kernels() {
        Kernels kernels = Kernels.load(cuda, options.ptx());
        checks.add("kernels loaded from " + kernels.origin());
        part("triad", () -> triad(kernels));
        part("fma_f32", () -> fma(kernels));
        part("mma_bf16", () -> mma(kernels, "mma_bf16", 0x3F803F80, 512, 0x3F813F83, 0x3F823F81, 0x007F007F,
                4096, "bf16_tensor_throughput", "TFLOP/s",
                "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 on register operands, 2 FLOP per multiply-add"));
        part("mma_s8", () -> mma(kernels, "mma_s8", 0x01010101, 1024, 0x03050709, 0x0B0D0F11, 0x03030303,
                8192, "int8_tensor_throughput", "TOPS",
                "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 on register operands, 2 ops per multiply-add"));
    }

    private void triad(Kernels kernels) {
        long floats = (options.copyMib() << 20) / 4;
        long bytes = floats * 4;
        long a = cuda.malloc(bytes);
        long b = cuda.malloc(bytes);
        long c = cuda.malloc(bytes);
        try {
            cuda.memsetD32(a, 0xFFFFFFFF, floats); // NaN: an element the kernel skips fails the check
            cuda.memsetD32(b, Float.floatToRawIntBits(1f), floats);
            cuda.memsetD32(c, Float.floatToRawIntBits(2f), floats);
            MemorySegment function = kernels.function("triad_f32");
            int grid = multiprocessors * 16;
            MemorySegment[] params = {u64(a), u64(b), u64(c), f32(3f), u64(floats / 4)};
            double[] millis = time(() -> cuda.launch(function, grid, BLOCK, params));
            expectWords("triad_f32", a, bytes, Float.floatToRawIntBits(7f));
            add("triad_bandwidth", millis, 3.0 * bytes / 1e9, "GB/s",
                    "a = b + s*c over 3 x " + options.copyMib() + " MiB of float32, counting 2 reads + 1 write");
        } finally {
            cuda.free(a);
            cuda.free(b);
            cuda.free(c);
        }
    }

    private void fma(Kernels kernels) {
        MemorySegment function = kernels.function("fma_f32");
        int grid = multiprocessors * 8;
        long threads = (long) grid * BLOCK;
        long out = cuda.malloc(threads * 4);
        try {
            int iters = calibrate(i -> cuda.launch(function, grid, BLOCK, u64(out), u32(i)), 64);
            double[] millis = time(() -> cuda.launch(function, grid, BLOCK, u64(out), u32(iters)));
            MemorySegment sample = readBack(out, threads * 4);
            for (long i = 0; i < threads; i++) {
                float v = sample.getAtIndex(JAVA_FLOAT, i);
                if (!(v > 0 && v < 1e5)) {
                    throw new BenchCheckFailed("fma_f32: thread " + i + " wrote " + v + ", not a finite positive sum");
                }
            }
            checks.add("fma_f32: every thread wrote a finite sum");
            add("fp32_fma_throughput", millis, threads * (double) iters * 256 / 1e12, "TFLOP/s",
                    "8 independent fma.rn.f32 chains per thread, " + grid + " x " + BLOCK + " threads, " + iters
                            + " trips of 128 FMA");
        } finally {
            cuda.free(out);
        }
    }

    /**
     * Checks a tensor kernel on ones (every thread's sum is {@code perTrip} x trips exactly), then times it
     * on varied operands.
     */
    private void mma(Kernels kernels, String name, int one, int perTrip, int a, int b, int mix, int opsPerMma,
                     String figure, String unit, String method) {
        MemorySegment function = kernels.function(name);
        int grid = multiprocessors * 4;
        long threads = (long) grid * BLOCK;
        long out = cuda.malloc(threads * 4);
        try {
            int trips = 3;
            cuda.memsetD32(out, 0xFFFFFFFF, threads);
            cuda.launch(function, grid, BLOCK, u64(out), u32(trips), u32(one), u32(one), u32(0));
            cuda.synchronize();
            MemorySegment sample = readBack(out, threads * 4);
            for (long i = 0; i < threads; i++) {
                boolean right = name.equals("mma_s8")
                        ? sample.getAtIndex(JAVA_INT, i) == perTrip * trips
                        : sample.getAtIndex(JAVA_FLOAT, i) == perTrip * trips;
                if (!right) {
                    throw new BenchCheckFailed(name + ": thread " + i + " summed "
                            + Integer.toHexString(sample.getAtIndex(JAVA_INT, i)) + " (bits), expected "
                            + perTrip * trips + " on all-ones operands");
                }
            }
            checks.add(name + ": all-ones operands give " + perTrip * trips + " in every thread");
            int iters = calibrate(i -> cuda.launch(function, grid, BLOCK, u64(out), u32(i), u32(a), u32(b), u32(mix)),
                    1000);
            double[] millis = time(() -> cuda.launch(function, grid, BLOCK, u64(out), u32(iters), u32(a), u32(b),
                    u32(mix)));
            double warps = threads / 32.0;
            add(figure, millis, warps * iters * 8 * opsPerMma / 1e12, unit,
                    method + ", " + grid + " x " + BLOCK + " threads, " + iters + " trips of 8 mma per warp");
        } finally {
            cuda.free(out);
        }
    }

    /** Trips that make one launch last about {@link #KERNEL_TARGET_MILLIS}, from one timed trial launch. */
    private int calibrate(IntConsumer launch, int trialTrips) {
        launch.accept(trialTrips); // first launch: module JIT and clocks ramp
        MemorySegment start = cuda.eventCreate();
        MemorySegment end = cuda.eventCreate();
        try {
            cuda.eventRecord(start);
            launch.accept(trialTrips);
            cuda.eventRecord(end);
            double millis = Math.max(cuda.elapsedMillis(start, end), 0.001);
            return (int) Math.clamp(trialTrips * KERNEL_TARGET_MILLIS / millis, trialTrips, Integer.MAX_VALUE / 2);
        } finally {
            cuda.eventDestroy(start);
            cuda.eventDestroy(end);
        }
    }

    /** Milliseconds of each timed repeat, after warm-up runs, each bracketed by events. */
    private double[] time(Runnable operation) {
        for (int i = 0; i < options.warmups(); i++) {
            operation.run();
        }
        MemorySegment start = cuda.eventCreate();
        MemorySegment end = cuda.eventCreate();
        try {
            double[] millis = new double[options.repeats()];
            for (int i = 0; i < millis.length; i++) {
                cuda.eventRecord(start);
                operation.run();
                cuda.eventRecord(end);
                millis[i] = cuda.elapsedMillis(start, end);
            }
            cuda.synchronize();
            return millis;
        } finally {
            cuda.eventDestroy(start);
            cuda.eventDestroy(end);
        }
    }

    /** Records a rate figure: {@code amount} units of work per repeat (GB, TFLOP) over each repeat's time. */
    private void add(String name, double[] millis, double amount, String unit, String method) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double best = amount / (sorted[0] / 1e3);
        double median = amount / (sorted[sorted.length / 2] / 1e3);
        figures.add(new Figure(name, round(best), round(median), unit, millis.length, method, false));
    }

    /** Compares the first and last 4096 words of a device buffer with an expected word. */
    private void expectWords(String what, long device, long bytes, int expected) {
        long window = Math.min(bytes, 4096L * 4);
        for (long offset : new long[] {0, bytes - window}) {
            MemorySegment sample = readBack(device + offset, window);
            for (long i = 0; i < window / 4; i++) {
                if (sample.getAtIndex(JAVA_INT, i) != expected) {
                    throw new BenchCheckFailed(what + ": word " + (offset / 4 + i) + " is 0x"
                            + Integer.toHexString(sample.getAtIndex(JAVA_INT, i)) + ", expected 0x"
                            + Integer.toHexString(expected));
                }
            }
        }
        checks.add(what + ": first and last 4096 words hold the expected value");
    }

    private MemorySegment readBack(long device, long bytes) {
        MemorySegment host = cuda.arena().allocate(bytes, 16);
        cuda.copyDeviceToHost(host, device, bytes);
        return host;
    }

    private MemorySegment u64(long value) {
        return cuda.arena().allocateFrom(JAVA_LONG, value);
    }

    private MemorySegment u32(int value) {
        return cuda.arena().allocateFrom(JAVA_INT, value);
    }

    private MemorySegment f32(float value) {
        return cuda.arena().allocateFrom(JAVA_FLOAT, value);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A kernel or copy that produced wrong data: its figure would be meaningless, so it is not reported. */
    static final class BenchCheckFailed extends RuntimeException {
        BenchCheckFailed(String message) {
            super(message);
        }
    }
}
