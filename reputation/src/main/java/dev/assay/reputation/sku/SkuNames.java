package dev.assay.reputation.sku;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Forgiving name matching: case-insensitive, '_' and '-' are spaces, runs of spaces are one, and the
 * vendor prefix "NVIDIA " is optional. So "NVIDIA GeForce RTX 4090", "geforce rtx 4090" and "RTX_4090"
 * (with an alias "RTX 4090") all find the same SKU.
 */
final class SkuNames {

    private static final String VENDOR_PREFIX = "nvidia ";

    private SkuNames() {}

    static String key(String name) {
        if (name == null) {
            return "";
        }
        String key = name.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').trim().replaceAll("\\s+", " ");
        return key.startsWith(VENDOR_PREFIX) ? key.substring(VENDOR_PREFIX.length()) : key;
    }

    /** Every key the SKU answers to: its id, its NVML name and its aliases. */
    static Set<String> keysOf(GpuSku sku) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key(sku.id()));
        keys.add(key(sku.nvmlName()));
        sku.aliases().forEach(alias -> keys.add(key(alias)));
        return keys;
    }
}
