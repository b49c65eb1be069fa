package dev.assay.reputation.sku;

import java.util.List;
import java.util.Optional;

/**
 * The GPU models the marketplace knows, with their datasheet peaks and baselines.
 *
 * <p>Lookups are forgiving: case-insensitive, underscores and hyphens count as spaces, and the
 * "NVIDIA " prefix is optional, so "NVIDIA GeForce RTX 4090", "RTX_4090" and "4090" find the same SKU.
 * No two SKUs share a name or a PCI device id (checked on construction). Immutable and thread-safe.
 */
public interface SkuCatalogue {

    /**
     * The catalogue bundled with this module ({@code dev/assay/reputation/sku/gpu-skus.json}), loaded and
     * validated once.
     *
     * @throws IllegalStateException if the bundled file is missing or has a bad row: a defect of the build
     */
    static SkuCatalogue bundled() {
        return BundledCatalogue.INSTANCE;
    }

    /**
     * A catalogue of the given SKUs (tests, or an operator's own list).
     *
     * @throws IllegalArgumentException if two SKUs share an id, a name or alias, or a PCI device id
     */
    static SkuCatalogue of(List<GpuSku> skus) {
        return new IndexedSkuCatalogue(skus);
    }

    /** The SKU with this NVML name, id or alias. */
    Optional<GpuSku> find(String nvmlNameOrAlias);

    /** The SKU with this 16-bit PCI device id (vendor 0x10DE). */
    Optional<GpuSku> findByPciDeviceId(int pciDeviceId);

    /** Every SKU, in catalogue order. */
    List<GpuSku> all();
}
