package dev.assay.agent.nativeaccess;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A C library of the NVIDIA driver bound through {@code java.lang.foreign}. Both libraries we use
 * (NVML and the CUDA driver API) answer every call with an int status, so {@link #call} returns that
 * status; a symbol this driver version lacks answers {@link #SYMBOL_MISSING} instead of throwing, so
 * an older driver yields absent facts, not a crash.
 */
public final class NativeLibrary implements AutoCloseable {

    /** Returned by {@link #call} when the library has no such symbol; no NVML or CUDA code uses it. */
    public static final int SYMBOL_MISSING = -1;

    private final String soname;
    private final Arena arena;
    private final SymbolLookup lookup;
    private final Linker linker = Linker.nativeLinker();
    private final Map<String, Optional<MethodHandle>> handles = new HashMap<>();

    private NativeLibrary(String soname, Arena arena, SymbolLookup lookup) {
        this.soname = soname;
        this.arena = arena;
        this.lookup = lookup;
    }

    /** The library, or empty where the dynamic loader can't find it (no driver installed). */
    public static Optional<NativeLibrary> open(String soname) {
        Arena arena = Arena.ofShared();
        try {
            return Optional.of(new NativeLibrary(soname, arena, SymbolLookup.libraryLookup(soname, arena)));
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            arena.close();
            return Optional.empty();
        }
    }

    public String soname() {
        return soname;
    }

    public boolean has(String symbol) {
        return lookup.find(symbol).isPresent();
    }

    /** Calls a function returning a C int status; {@link #SYMBOL_MISSING} when the symbol is absent. */
    public int call(String symbol, FunctionDescriptor descriptor, Object... args) {
        Optional<MethodHandle> handle = handle(symbol, descriptor);
        if (handle.isEmpty()) {
            return SYMBOL_MISSING;
        }
        try {
            return (int) handle.get().invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("native call " + symbol + " failed", e);
        }
    }

    /** Calls a function whose result is not a status (a pointer, say). */
    public Object invoke(String symbol, FunctionDescriptor descriptor, Object... args) {
        MethodHandle handle = handle(symbol, descriptor)
                .orElseThrow(() -> new IllegalStateException(soname + " lacks " + symbol));
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("native call " + symbol + " failed", e);
        }
    }

    private Optional<MethodHandle> handle(String symbol, FunctionDescriptor descriptor) {
        return handles.computeIfAbsent(symbol + descriptor, key ->
                lookup.find(symbol).map(address -> linker.downcallHandle(address, descriptor)));
    }

    @Override
    public void close() {
        arena.close();
    }
}
