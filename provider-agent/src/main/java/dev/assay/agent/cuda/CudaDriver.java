package dev.assay.agent.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.assay.agent.nativeaccess.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The few CUDA driver API calls the benchmark suite needs, bound through {@code java.lang.foreign}
 * ({@code libcuda.so.1}). Every call's CUresult is checked: anything but CUDA_SUCCESS throws a
 * {@link CudaException} naming the call and the driver's error name and text.
 *
 * <p>Not thread-safe: one benchmark thread owns the primary context it makes current.
 */
public final class CudaDriver implements AutoCloseable {

    public static final String LIBRARY = "libcuda.so.1";

    private static final FunctionDescriptor PTR_SIZE = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG);
    private static final FunctionDescriptor EVENT_STREAM = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final int CU_JIT_ERROR_LOG_BUFFER = 5;
    private static final int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    private static final int JIT_LOG_BYTES = 16 * 1024;

    private final NativeLibrary cuda;
    private final Arena arena = Arena.ofShared();
    private int device = -1;

    private CudaDriver(NativeLibrary cuda) {
        this.cuda = cuda;
    }

    /** The driver, initialised; empty when libcuda.so.1 is not on this machine. */
    public static Optional<CudaDriver> open() {
        return open(LIBRARY);
    }

    static Optional<CudaDriver> open(String soname) {
        Optional<NativeLibrary> lib = NativeLibrary.open(soname);
        if (lib.isEmpty()) {
            return Optional.empty();
        }
        CudaDriver driver = new CudaDriver(lib.get());
        try {
            driver.check("cuInit", driver.cuda.call("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT), 0));
        } catch (CudaException e) {
            driver.close();
            throw e;
        }
        return Optional.of(driver);
    }

    public int driverVersion() {
        MemorySegment out = arena.allocate(JAVA_INT);
        check("cuDriverGetVersion", cuda.call("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS), out));
        return out.get(JAVA_INT, 0);
    }

    public int deviceCount() {
        MemorySegment out = arena.allocate(JAVA_INT);
        check("cuDeviceGetCount", cuda.call("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS), out));
        return out.get(JAVA_INT, 0);
    }

    /** Makes the device's primary context current on this thread. */
    public void useDevice(int ordinal) {
        MemorySegment dev = arena.allocate(JAVA_INT);
        check("cuDeviceGet", cuda.call("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), dev, ordinal));
        device = dev.get(JAVA_INT, 0);
        MemorySegment ctx = arena.allocate(ADDRESS);
        check("cuDevicePrimaryCtxRetain", cuda.call("cuDevicePrimaryCtxRetain",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ctx, device));
        check("cuCtxSetCurrent", cuda.call("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS),
                ctx.get(ADDRESS, 0)));
    }

    public String deviceName() {
        MemorySegment name = arena.allocate(256);
        check("cuDeviceGetName", cuda.call("cuDeviceGetName",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), name, 256, device));
        return name.getString(0);
    }

    /** cuDeviceGetAttribute; see CUdevice_attribute for the numbers. */
    public int attribute(int attribute) {
        MemorySegment out = arena.allocate(JAVA_INT);
        check("cuDeviceGetAttribute", cuda.call("cuDeviceGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), out, attribute, device));
        return out.get(JAVA_INT, 0);
    }

    /** Device memory (a CUdeviceptr). */
    public long malloc(long bytes) {
        MemorySegment out = arena.allocate(JAVA_LONG);
        check("cuMemAlloc_v2(" + bytes + " bytes)", cuda.call("cuMemAlloc_v2", PTR_SIZE, out, bytes));
        return out.get(JAVA_LONG, 0);
    }

    public void free(long devicePointer) {
        check("cuMemFree_v2", cuda.call("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG), devicePointer));
    }

    /** Page-locked host memory, so copies go by DMA at the link's speed. */
    public MemorySegment mallocHost(long bytes) {
        MemorySegment out = arena.allocate(ADDRESS);
        check("cuMemAllocHost_v2(" + bytes + " bytes)", cuda.call("cuMemAllocHost_v2", PTR_SIZE, out, bytes));
        return out.get(ADDRESS, 0).reinterpret(bytes);
    }

    public void freeHost(MemorySegment host) {
        check("cuMemFreeHost", cuda.call("cuMemFreeHost", FunctionDescriptor.of(JAVA_INT, ADDRESS), host));
    }

    /** Fills {@code count} 32-bit words with {@code pattern}. */
    public void memsetD32(long devicePointer, int pattern, long count) {
        check("cuMemsetD32_v2", cuda.call("cuMemsetD32_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), devicePointer, pattern, count));
    }

    public void copyDeviceToDevice(long dst, long src, long bytes) {
        check("cuMemcpyDtoD_v2", cuda.call("cuMemcpyDtoD_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), dst, src, bytes));
    }

    public void copyHostToDevice(long dst, MemorySegment src, long bytes) {
        check("cuMemcpyHtoD_v2", cuda.call("cuMemcpyHtoD_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG), dst, src, bytes));
    }

    public void copyDeviceToHost(MemorySegment dst, long src, long bytes) {
        check("cuMemcpyDtoH_v2", cuda.call("cuMemcpyDtoH_v2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), dst, src, bytes));
    }

    public MemorySegment eventCreate() {
        MemorySegment out = arena.allocate(ADDRESS);
        check("cuEventCreate", cuda.call("cuEventCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), out, 0));
        return out.get(ADDRESS, 0);
    }

    /** Records on the legacy default stream, which every copy and launch here also uses. */
    public void eventRecord(MemorySegment event) {
        check("cuEventRecord", cuda.call("cuEventRecord", EVENT_STREAM, event, MemorySegment.NULL));
    }

    /** Milliseconds between two recorded events, after waiting for the second. */
    public float elapsedMillis(MemorySegment start, MemorySegment end) {
        check("cuEventSynchronize", cuda.call("cuEventSynchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS), end));
        MemorySegment out = arena.allocate(JAVA_FLOAT);
        check("cuEventElapsedTime", cuda.call("cuEventElapsedTime",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), out, start, end));
        return out.get(JAVA_FLOAT, 0);
    }

    public void eventDestroy(MemorySegment event) {
        check("cuEventDestroy_v2", cuda.call("cuEventDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS), event));
    }

    public void synchronize() {
        check("cuCtxSynchronize", cuda.call("cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT)));
    }

    /**
     * Loads PTX text and returns the CUmodule. The JIT's error log goes into the exception, so a PTX
     * mistake reads as "line 42: unknown register" rather than a bare error code.
     */
    public MemorySegment loadModule(String ptx) {
        MemorySegment image = arena.allocateFrom(ptx, StandardCharsets.US_ASCII);
        MemorySegment log = arena.allocate(JIT_LOG_BYTES);
        MemorySegment options = arena.allocate(JAVA_INT, 2);
        options.setAtIndex(JAVA_INT, 0, CU_JIT_ERROR_LOG_BUFFER);
        options.setAtIndex(JAVA_INT, 1, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
        MemorySegment values = arena.allocate(ADDRESS, 2);
        values.setAtIndex(ADDRESS, 0, log);
        values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES)); // a size travels as the pointer's value
        MemorySegment module = arena.allocate(ADDRESS);
        int rc = cuda.call("cuModuleLoadDataEx",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
                module, image, 2, options, values);
        if (rc != 0) {
            throw new CudaException("cuModuleLoadDataEx: " + error(rc) + "; JIT log: " + log.getString(0).strip(), rc);
        }
        return module.get(ADDRESS, 0);
    }

    public MemorySegment function(MemorySegment module, String name) {
        MemorySegment out = arena.allocate(ADDRESS);
        check("cuModuleGetFunction(" + name + ")", cuda.call("cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), out, module, arena.allocateFrom(name)));
        return out.get(ADDRESS, 0);
    }

    /**
     * Launches a kernel on the default stream. {@code params} holds one segment per kernel parameter,
     * each holding the parameter's value (cuLaunchKernel takes an array of pointers to the values).
     */
    public void launch(MemorySegment function, int gridX, int blockX, MemorySegment... params) {
        MemorySegment pointers = arena.allocate(ADDRESS, params.length);
        for (int i = 0; i < params.length; i++) {
            pointers.setAtIndex(ADDRESS, i, params[i]);
        }
        check("cuLaunchKernel", cuda.call("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
                function, gridX, 1, 1, blockX, 1, 1, 0, MemorySegment.NULL, pointers, MemorySegment.NULL));
    }

    /** Arena for kernel parameter values and host buffers that live as long as this driver. */
    public Arena arena() {
        return arena;
    }

    private void check(String call, int rc) {
        if (rc == NativeLibrary.SYMBOL_MISSING) {
            throw new CudaException(call + ": not in this driver's " + LIBRARY, rc);
        }
        if (rc != 0) {
            throw new CudaException(call + ": " + error(rc), rc);
        }
    }

    private String error(int rc) {
        return "CUDA error " + rc + " " + text("cuGetErrorName", rc) + " (" + text("cuGetErrorString", rc) + ")";
    }

    private String text(String function, int rc) {
        MemorySegment out = arena.allocate(ADDRESS);
        int status = cuda.call(function, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), rc, out);
        return status == 0 && !out.get(ADDRESS, 0).equals(MemorySegment.NULL)
                ? out.get(ADDRESS, 0).reinterpret(512).getString(0) : "?";
    }

    @Override
    public void close() {
        if (device >= 0) {
            cuda.call("cuDevicePrimaryCtxRelease_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT), device);
        }
        arena.close();
        cuda.close();
    }
}
