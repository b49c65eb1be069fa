package dev.assay.reputation.sku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.reputation.score.MeasuredFigures;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a SKU catalogue from a JSON classpath resource and validates every row. The bundled file is part
 * of the build, so a bad row is a defect: loading fails loudly, naming the row and the field, instead of
 * skipping it.
 *
 * <p>Every field is required and no unknown field is allowed, so a typo in a field name cannot silently
 * drop a fact. PCI device ids are written as hex strings ("0x2684") because that is how every reference
 * (and {@code lspci}) writes them.
 */
final class SkuCatalogueLoader {

    static final String BUNDLED_RESOURCE = "/dev/assay/reputation/sku/gpu-skus.json";
    static final int SCHEMA_VERSION = 1;

    private static final Set<String> TOP_FIELDS = Set.of("schemaVersion", "about", "skus");
    private static final Set<String> ROW_FIELDS = Set.of("id", "nvmlName", "aliases", "pciDeviceIds", "memoryMib",
            "memoryBusWidthBits", "datasheetPeaks", "measuredBaseline", "pcieGeneration", "tdpWatts",
            "source");
    private static final Set<String> PEAK_FIELDS = Set.of("memoryBandwidthGbps", "fp32Tflops", "bf16Tflops", "int8Tops");
    private static final Set<String> BASELINE_FIELDS = Set.of("basis", "tensorTflops", "memoryBandwidthGbps",
            "fp32Tflops", "hostToDeviceGbps", "note");

    private SkuCatalogueLoader() {}

    static SkuCatalogue load(String resource) {
        try (InputStream in = SkuCatalogueLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SKU catalogue resource " + resource + " is missing from the classpath");
            }
            return parse(new ObjectMapper().readTree(in), resource);
        } catch (IOException e) {
            throw new IllegalStateException("SKU catalogue " + resource + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static SkuCatalogue parse(JsonNode root, String resource) {
        try {
            requireObject(root, "the document");
            requireOnlyFields(root, TOP_FIELDS, "the document");
            int version = requiredInt(root, "schemaVersion");
            if (version != SCHEMA_VERSION) {
                throw new IllegalArgumentException("schemaVersion must be " + SCHEMA_VERSION + ", was " + version);
            }
            JsonNode rows = root.get("skus");
            if (rows == null || !rows.isArray() || rows.isEmpty()) {
                throw new IllegalArgumentException("skus must be a non-empty array");
            }
            List<GpuSku> skus = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                skus.add(parseRow(rows.get(i), i));
            }
            return new IndexedSkuCatalogue(skus);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SKU catalogue " + resource + " has a bad row: " + e.getMessage(), e);
        }
    }

    private static GpuSku parseRow(JsonNode row, int index) {
        String where = "row " + index + (row != null && row.hasNonNull("id") ? " (" + row.get("id").asText() + ")" : "");
        try {
            requireObject(row, "the row");
            requireOnlyFields(row, ROW_FIELDS, "the row");
            int pcieGeneration = requiredInt(row, "pcieGeneration");
            return new GpuSku(
                    requiredText(row, "id"),
                    requiredText(row, "nvmlName"),
                    textList(row, "aliases"),
                    pciIds(row),
                    requiredLong(row, "memoryMib"),
                    requiredInt(row, "memoryBusWidthBits"),
                    peaks(requiredObject(row, "datasheetPeaks")),
                    baseline(row),
                    pcieGeneration,
                    requiredInt(row, "tdpWatts"),
                    requiredText(row, "source"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Peaks peaks(JsonNode node) {
        requireOnlyFields(node, PEAK_FIELDS, "datasheetPeaks");
        return new Peaks(
                requiredDouble(node, "memoryBandwidthGbps"),
                requiredDouble(node, "fp32Tflops"),
                requiredDouble(node, "bf16Tflops"),
                requiredDouble(node, "int8Tops"));
    }

    private static Optional<Baseline> baseline(JsonNode row) {
        if (!row.has("measuredBaseline")) {
            throw new IllegalArgumentException("measuredBaseline is required (null where none is known)");
        }
        JsonNode node = row.get("measuredBaseline");
        if (node.isNull()) {
            return Optional.empty();
        }
        requireObject(node, "measuredBaseline");
        requireOnlyFields(node, BASELINE_FIELDS, "measuredBaseline");
        String basisName = requiredText(node, "basis");
        Baseline.Basis basis;
        try {
            basis = Baseline.Basis.valueOf(basisName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("measuredBaseline.basis must be one of "
                    + List.of(Baseline.Basis.values()) + ", was " + basisName, e);
        }
        MeasuredFigures figures = new MeasuredFigures(
                requiredDouble(node, "tensorTflops"),
                requiredDouble(node, "memoryBandwidthGbps"),
                requiredDouble(node, "fp32Tflops"),
                requiredDouble(node, "hostToDeviceGbps"));
        return Optional.of(new Baseline(figures, basis, requiredText(node, "note")));
    }

    private static List<Integer> pciIds(JsonNode row) {
        List<Integer> ids = new ArrayList<>();
        for (String text : textList(row, "pciDeviceIds")) {
            if (!text.matches("0x[0-9A-Fa-f]{4}")) {
                throw new IllegalArgumentException("pciDeviceIds must be hex strings like \"0x2684\", was " + text);
            }
            ids.add(Integer.parseInt(text.substring(2), 16));
        }
        return ids;
    }

    private static List<String> textList(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(field + " must hold non-blank strings, had " + item);
            }
            values.add(item.asText());
        }
        return values;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
    }

    private static JsonNode requiredObject(JsonNode node, String field) {
        JsonNode value = node.get(field);
        requireObject(value, field);
        return value;
    }

    private static void requireOnlyFields(JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + " has an unknown field '" + name + "'");
            }
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string");
        }
        return value.asText();
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value.intValue();
    }

    private static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value.longValue();
    }

    private static double requiredDouble(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return value.doubleValue();
    }
}
