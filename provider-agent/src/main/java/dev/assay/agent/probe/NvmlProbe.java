package dev.assay.agent.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.assay.agent.nativeaccess.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every GPU's facts from NVML ({@code libnvidia-ml.so.1}) through {@code java.lang.foreign}.
 *
 * <p>Every call's status is checked. NOT_SUPPORTED leaves the fact absent silently (it is a property of
 * the GPU); any other failure leaves it absent and adds a note naming the call and NVML's error string,
 * so an odd driver shows up in the inventory instead of crashing the agent or inventing a zero.
 */
public final class NvmlProbe {

    /** Versioned soname: the unversioned libnvidia-ml.so exists only with the developer packages. */
    static final String LIBRARY = "libnvidia-ml.so.1";

    static final int SUCCESS = 0;
    static final int NOT_SUPPORTED = 3;
    static final int INSUFFICIENT_SIZE = 7;

    // nvmlReturn_t f(nvmlDevice_t, unsigned int*) and friends: the shapes of most NVML getters.
    private static final FunctionDescriptor DEV_UINT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final FunctionDescriptor DEV_ENUM_UINT = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    private static final FunctionDescriptor DEV_UINT_UINT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final FunctionDescriptor DEV_STRING = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final int NVML_CLOCK_SM = 1;
    private static final int NVML_CLOCK_MEM = 2;

    private NvmlProbe() {}

    /** The inventory from NVML, or empty when the library or its init is unavailable. */
    public static Optional<GpuInventory> probe() {
        return probe(LIBRARY);
    }

    static Optional<GpuInventory> probe(String soname) {
        Optional<NativeLibrary> opened = NativeLibrary.open(soname);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (NativeLibrary nvml = opened.get(); Arena arena = Arena.ofConfined()) {
            int init = nvml.call("nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
            if (init != SUCCESS) {
                return Optional.empty();
            }
            try {
                return Optional.of(read(new Calls(nvml, arena)));
            } finally {
                nvml.call("nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
            }
        }
    }

    private static GpuInventory read(Calls nvml) {
        String driver = nvml.systemString("nvmlSystemGetDriverVersion", 80).orElse(null);
        String cuda = nvml.systemInt("nvmlSystemGetCudaDriverVersion_v2")
                .or(() -> nvml.systemInt("nvmlSystemGetCudaDriverVersion"))
                .map(v -> v / 1000 + "." + (v % 1000) / 10).orElse(null);
        Optional<Integer> count = nvml.systemInt("nvmlDeviceGetCount_v2");
        if (count.isEmpty()) {
            return new GpuInventory("nvml", driver, cuda, List.of(),
                    GpuInventory.NO_GPU + ": nvmlDeviceGetCount_v2 failed (" + String.join("; ", nvml.notes) + ")");
        }
        if (count.get() == 0) {
            return new GpuInventory("nvml", driver, cuda, List.of(), GpuInventory.NO_GPU + ": the driver reports 0 GPUs");
        }
        List<GpuFacts> gpus = new ArrayList<>();
        for (int i = 0; i < count.get(); i++) {
            gpus.add(readGpu(nvml, i));
        }
        return new GpuInventory("nvml", driver, cuda, List.copyOf(gpus), null);
    }

    private static GpuFacts readGpu(Calls nvml, int index) {
        nvml.notes.clear();
        MemorySegment handleOut = nvml.arena.allocate(ADDRESS);
        int rc = nvml.lib.call("nvmlDeviceGetHandleByIndex_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), index, handleOut);
        if (rc != SUCCESS) {
            return new GpuFacts(index, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    List.of("nvmlDeviceGetHandleByIndex_v2: " + nvml.error(rc)));
        }
        Device d = new Device(nvml, handleOut.get(ADDRESS, 0));
        GpuFacts.Pci pci = d.pci();
        GpuFacts.Memory memory = d.memory();
        GpuFacts.PcieLink pcie = new GpuFacts.PcieLink(
                d.uint("nvmlDeviceGetCurrPcieLinkGeneration"), d.uint("nvmlDeviceGetMaxPcieLinkGeneration"),
                d.uint("nvmlDeviceGetCurrPcieLinkWidth"), d.uint("nvmlDeviceGetMaxPcieLinkWidth"));
        Integer powerMilliwatts = d.uint("nvmlDeviceGetPowerManagementLimit");
        Integer temperature = d.enumUint("nvmlDeviceGetTemperature", 0); // NVML_TEMPERATURE_GPU
        GpuFacts.Clocks clocks = new GpuFacts.Clocks(
                d.enumUint("nvmlDeviceGetClockInfo", NVML_CLOCK_SM), d.enumUint("nvmlDeviceGetClockInfo", NVML_CLOCK_MEM),
                d.enumUint("nvmlDeviceGetMaxClockInfo", NVML_CLOCK_SM), d.enumUint("nvmlDeviceGetMaxClockInfo", NVML_CLOCK_MEM));
        return new GpuFacts(index,
                d.string("nvmlDeviceGetName", 96),
                d.string("nvmlDeviceGetUUID", 96),
                pci, memory, pcie,
                powerMilliwatts == null ? null : powerMilliwatts / 1000.0,
                temperature, clocks, d.ecc(), d.retirement(), d.clocksEventReasons(),
                d.computeCapability(), d.migMode(),
                List.copyOf(nvml.notes));
    }

    /** The bound library, the arena its out-parameters live in, and the notes of failed calls. */
    private static final class Calls {
        final NativeLibrary lib;
        final Arena arena;
        final List<String> notes = new ArrayList<>();

        Calls(NativeLibrary lib, Arena arena) {
            this.lib = lib;
            this.arena = arena;
        }

        /** True on success; records a note for any failure but NOT_SUPPORTED. */
        boolean ok(String function, int rc) {
            if (rc == SUCCESS) {
                return true;
            }
            if (rc != NOT_SUPPORTED) {
                notes.add(function + ": " + error(rc));
            }
            return false;
        }

        String error(int rc) {
            if (rc == NativeLibrary.SYMBOL_MISSING) {
                return "not in this driver's " + LIBRARY;
            }
            if (!lib.has("nvmlErrorString")) {
                return "NVML error " + rc;
            }
            MemorySegment text = (MemorySegment) lib.invoke("nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT), rc);
            return "NVML error " + rc + " (" + text.reinterpret(256).getString(0) + ")";
        }

        Optional<String> systemString(String function, int length) {
            MemorySegment buffer = arena.allocate(length);
            int rc = lib.call(function, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), buffer, length);
            return ok(function, rc) ? Optional.of(buffer.getString(0)) : Optional.empty();
        }

        Optional<Integer> systemInt(String function) {
            MemorySegment out = arena.allocate(JAVA_INT);
            int rc = lib.call(function, FunctionDescriptor.of(JAVA_INT, ADDRESS), out);
            if (rc == NativeLibrary.SYMBOL_MISSING) {
                return Optional.empty(); // the caller tries an older name
            }
            return ok(function, rc) ? Optional.of(out.get(JAVA_INT, 0)) : Optional.empty();
        }
    }

    /** One GPU's handle and the typed getters over it. */
    private record Device(Calls nvml, MemorySegment handle) {

        Integer uint(String function) {
            MemorySegment out = nvml.arena.allocate(JAVA_INT);
            return nvml.ok(function, nvml.lib.call(function, DEV_UINT, handle, out)) ? out.get(JAVA_INT, 0) : null;
        }

        Integer enumUint(String function, int selector) {
            MemorySegment out = nvml.arena.allocate(JAVA_INT);
            return nvml.ok(function, nvml.lib.call(function, DEV_ENUM_UINT, handle, selector, out))
                    ? out.get(JAVA_INT, 0) : null;
        }

        String string(String function, int length) {
            MemorySegment buffer = nvml.arena.allocate(length);
            return nvml.ok(function, nvml.lib.call(function, DEV_STRING, handle, buffer, length))
                    ? buffer.getString(0) : null;
        }

        GpuFacts.Pci pci() {
            // nvmlPciInfo_t: char busIdLegacy[16]; uint domain, bus, device, pciDeviceId, pciSubSystemId; char busId[32]
            MemorySegment info = nvml.arena.allocate(16 + 5 * 4 + 32 + 12);
            String function = "nvmlDeviceGetPciInfo_v3";
            if (!nvml.ok(function, nvml.lib.call(function, DEV_UINT, handle, info))) {
                return null;
            }
            return new GpuFacts.Pci(info.getString(36), hex(info.get(JAVA_INT, 28)), hex(info.get(JAVA_INT, 32)));
        }

        GpuFacts.Memory memory() {
            MemorySegment info = nvml.arena.allocate(3 * 8); // nvmlMemory_t: total, free, used (bytes)
            String function = "nvmlDeviceGetMemoryInfo";
            boolean ok = nvml.ok(function, nvml.lib.call(function, DEV_UINT, handle, info));
            Integer busWidth = uint("nvmlDeviceGetMemoryBusWidth");
            return new GpuFacts.Memory(
                    ok ? info.get(JAVA_LONG, 0) >> 20 : null, ok ? info.get(JAVA_LONG, 16) >> 20 : null, busWidth);
        }

        GpuFacts.Ecc ecc() {
            MemorySegment current = nvml.arena.allocate(JAVA_INT);
            MemorySegment pending = nvml.arena.allocate(JAVA_INT);
            String mode = "nvmlDeviceGetEccMode";
            Boolean enabled = nvml.ok(mode, nvml.lib.call(mode, DEV_UINT_UINT, handle, current, pending))
                    ? current.get(JAVA_INT, 0) == 1 : null;
            GpuFacts.Ecc ecc = new GpuFacts.Ecc(enabled,
                    eccCount(0, 0), eccCount(1, 0), eccCount(0, 1), eccCount(1, 1));
            return ecc.equals(new GpuFacts.Ecc(null, null, null, null, null)) ? null : ecc;
        }

        /** errorType 0 corrected / 1 uncorrected; counterType 0 volatile / 1 aggregate. */
        private Long eccCount(int errorType, int counterType) {
            MemorySegment out = nvml.arena.allocate(JAVA_LONG);
            String function = "nvmlDeviceGetTotalEccErrors";
            int rc = nvml.lib.call(function, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS),
                    handle, errorType, counterType, out);
            return nvml.ok(function, rc) ? out.get(JAVA_LONG, 0) : null;
        }

        GpuFacts.MemoryRetirement retirement() {
            Integer single = retiredPages(0);
            Integer dbl = retiredPages(1);
            MemorySegment rows = nvml.arena.allocate(4L * 4);
            String function = "nvmlDeviceGetRemappedRows";
            int rc = nvml.lib.call(function, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                    handle, rows, rows.asSlice(4), rows.asSlice(8), rows.asSlice(12));
            boolean remapped = nvml.ok(function, rc);
            if (single == null && dbl == null && !remapped) {
                return null;
            }
            return new GpuFacts.MemoryRetirement(single, dbl,
                    remapped ? rows.get(JAVA_INT, 0) : null, remapped ? rows.get(JAVA_INT, 4) : null,
                    remapped ? rows.get(JAVA_INT, 8) != 0 : null, remapped ? rows.get(JAVA_INT, 12) != 0 : null);
        }

        /** cause 0: multiple single-bit ECC errors, 1: a double-bit error. A zero-size query returns the count. */
        private Integer retiredPages(int cause) {
            MemorySegment count = nvml.arena.allocate(JAVA_INT);
            count.set(JAVA_INT, 0, 0);
            String function = "nvmlDeviceGetRetiredPages";
            int rc = nvml.lib.call(function, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
                    handle, cause, count, MemorySegment.NULL);
            if (rc == INSUFFICIENT_SIZE) {
                return count.get(JAVA_INT, 0);
            }
            return nvml.ok(function, rc) ? count.get(JAVA_INT, 0) : null;
        }

        List<String> clocksEventReasons() {
            MemorySegment out = nvml.arena.allocate(JAVA_LONG);
            String current = "nvmlDeviceGetCurrentClocksEventReasons";
            String older = "nvmlDeviceGetCurrentClocksThrottleReasons";
            String function = nvml.lib.has(current) ? current : older;
            return nvml.ok(function, nvml.lib.call(function, DEV_UINT, handle, out))
                    ? ClocksEventReasons.decode(out.get(JAVA_LONG, 0)) : null;
        }

        String computeCapability() {
            MemorySegment major = nvml.arena.allocate(JAVA_INT);
            MemorySegment minor = nvml.arena.allocate(JAVA_INT);
            String function = "nvmlDeviceGetCudaComputeCapability";
            return nvml.ok(function, nvml.lib.call(function, DEV_UINT_UINT, handle, major, minor))
                    ? major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) : null;
        }

        String migMode() {
            MemorySegment current = nvml.arena.allocate(JAVA_INT);
            MemorySegment pending = nvml.arena.allocate(JAVA_INT);
            String function = "nvmlDeviceGetMigMode";
            return nvml.ok(function, nvml.lib.call(function, DEV_UINT_UINT, handle, current, pending))
                    ? (current.get(JAVA_INT, 0) == 1 ? "enabled" : "disabled") : null;
        }

        private static String hex(int value) {
            return String.format("0x%08X", value);
        }
    }
}
