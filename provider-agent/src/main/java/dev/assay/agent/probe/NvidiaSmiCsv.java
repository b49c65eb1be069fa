package dev.assay.agent.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code nvidia-smi --query-gpu=FIELDS --format=csv,noheader,nounits} output into {@link GpuFacts}.
 * The fallback when NVML can't be bound. Values nvidia-smi can't give ("[N/A]", "[Not Supported]",
 * "N/A") become absent facts, like NOT_SUPPORTED in the NVML probe; a value that does not parse
 * becomes an absent fact with a note, never an exception.
 */
public final class NvidiaSmiCsv {

    /** The fields asked for, in this order; all exist in drivers from 535 on. */
    public static final List<String> FIELDS = List.of(
            "index", "name", "uuid", "pci.bus_id", "pci.device_id", "pci.sub_device_id",
            "memory.total", "memory.used",
            "pcie.link.gen.current", "pcie.link.gen.max", "pcie.link.width.current", "pcie.link.width.max",
            "power.limit", "temperature.gpu", "clocks.sm", "clocks.mem", "clocks.max.sm", "clocks.max.mem",
            "ecc.mode.current", "ecc.errors.corrected.volatile.total", "ecc.errors.uncorrected.volatile.total",
            "ecc.errors.corrected.aggregate.total", "ecc.errors.uncorrected.aggregate.total",
            "retired_pages.single_bit_ecc.count", "retired_pages.double_bit.count",
            "clocks_event_reasons.active", "compute_cap", "mig.mode.current", "driver_version");

    private NvidiaSmiCsv() {}

    /** Query argument for nvidia-smi. */
    public static String queryArgument() {
        return "--query-gpu=" + String.join(",", FIELDS);
    }

    public static List<GpuFacts> parse(String csv) {
        List<GpuFacts> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (!line.isBlank()) {
                gpus.add(parseLine(line, gpus.size()));
            }
        }
        return List.copyOf(gpus);
    }

    /** The driver version printed on the first line, if any. */
    public static String driverVersion(String csv) {
        for (String line : csv.split("\\R")) {
            if (!line.isBlank()) {
                return new Row(line, new ArrayList<>()).text("driver_version");
            }
        }
        return null;
    }

    private static GpuFacts parseLine(String line, int position) {
        List<String> notes = new ArrayList<>();
        Row row = new Row(line, notes);
        Integer index = row.integer("index");
        Long corrVol = row.longValue("ecc.errors.corrected.volatile.total");
        Long uncVol = row.longValue("ecc.errors.uncorrected.volatile.total");
        Long corrAgg = row.longValue("ecc.errors.corrected.aggregate.total");
        Long uncAgg = row.longValue("ecc.errors.uncorrected.aggregate.total");
        String eccMode = row.text("ecc.mode.current");
        Boolean eccEnabled = eccMode == null ? null : eccMode.equalsIgnoreCase("Enabled");
        GpuFacts.Ecc ecc = eccEnabled == null && corrVol == null && uncVol == null && corrAgg == null && uncAgg == null
                ? null : new GpuFacts.Ecc(eccEnabled, corrVol, uncVol, corrAgg, uncAgg);
        Integer single = row.integer("retired_pages.single_bit_ecc.count");
        Integer dbl = row.integer("retired_pages.double_bit.count");
        GpuFacts.MemoryRetirement retirement = single == null && dbl == null
                ? null : new GpuFacts.MemoryRetirement(single, dbl, null, null, null, null);
        Double powerLimit = row.decimal("power.limit");
        String reasons = row.text("clocks_event_reasons.active");
        List<String> decodedReasons = null;
        if (reasons != null) {
            try {
                decodedReasons = ClocksEventReasons.decode(Long.decode(reasons));
            } catch (NumberFormatException e) {
                notes.add("clocks_event_reasons.active: not a number: " + reasons);
            }
        }
        String mig = row.text("mig.mode.current");
        return new GpuFacts(index == null ? position : index,
                row.text("name"), row.text("uuid"),
                new GpuFacts.Pci(row.text("pci.bus_id"), row.text("pci.device_id"), row.text("pci.sub_device_id")),
                new GpuFacts.Memory(row.longValue("memory.total"), row.longValue("memory.used"), null),
                new GpuFacts.PcieLink(row.integer("pcie.link.gen.current"), row.integer("pcie.link.gen.max"),
                        row.integer("pcie.link.width.current"), row.integer("pcie.link.width.max")),
                powerLimit,
                row.integer("temperature.gpu"),
                new GpuFacts.Clocks(row.integer("clocks.sm"), row.integer("clocks.mem"),
                        row.integer("clocks.max.sm"), row.integer("clocks.max.mem")),
                ecc, retirement, decodedReasons,
                row.text("compute_cap"),
                mig == null ? null : mig.toLowerCase(java.util.Locale.ROOT),
                List.copyOf(notes));
    }

    /** One CSV line keyed by field name. nvidia-smi quotes nothing; GPU names hold no commas. */
    private static final class Row {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<String> notes;

        Row(String line, List<String> notes) {
            this.notes = notes;
            String[] cells = line.split(",", -1);
            if (cells.length != FIELDS.size()) {
                notes.add("nvidia-smi line has " + cells.length + " fields, expected " + FIELDS.size());
            }
            for (int i = 0; i < Math.min(cells.length, FIELDS.size()); i++) {
                values.put(FIELDS.get(i), cells[i].strip());
            }
        }

        String text(String field) {
            String value = values.get(field);
            if (value == null || value.isEmpty() || value.startsWith("[") || value.equalsIgnoreCase("N/A")) {
                return null; // "[N/A]", "[Not Supported]", "[Unknown Error]": the GPU can't say
            }
            return value;
        }

        Integer integer(String field) {
            Long value = longValue(field);
            return value == null ? null : Math.toIntExact(value);
        }

        Long longValue(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                notes.add(field + ": not a number: " + value);
                return null;
            }
        }

        Double decimal(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                notes.add(field + ": not a number: " + value);
                return null;
            }
        }
    }
}
