package dev.assay.reputation.sku;

/** The bundled catalogue, loaded on first use (holder idiom: thread-safe, exactly once). */
final class BundledCatalogue {

    static final SkuCatalogue INSTANCE = SkuCatalogueLoader.load(SkuCatalogueLoader.BUNDLED_RESOURCE);

    private BundledCatalogue() {}
}
