package dev.assay.agent.probe;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * Whether the NVIDIA driver's management library is present. The full NVML probe (names, memory, PCI
 * ids, clocks, telemetry) binds the versioned symbols through {@code java.lang.foreign}; this class only
 * answers the first question every host asks, and never crashes on a machine without the driver.
 */
public final class NvmlProbe {

    /** Versioned soname: the unversioned libnvidia-ml.so exists only with the developer packages. */
    static final String LIBRARY = "libnvidia-ml.so.1";

    private NvmlProbe() {}

    public static String describe() {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup nvml = SymbolLookup.libraryLookup(LIBRARY, arena);
            return nvml.find("nvmlInit_v2").isPresent()
                    ? "NVIDIA driver found (" + LIBRARY + ")"
                    : LIBRARY + " found but it lacks nvmlInit_v2: driver too old";
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            return "no NVIDIA driver (" + LIBRARY + " not found)";
        }
    }
}
