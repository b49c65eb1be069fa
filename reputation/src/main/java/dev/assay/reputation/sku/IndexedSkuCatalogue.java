package dev.assay.reputation.sku;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SkuCatalogue} over an immutable list, with hash indexes by name key and PCI device id. */
final class IndexedSkuCatalogue implements SkuCatalogue {

    /** Bound on the catalogue's size: a few hundred GPU models exist, not thousands. */
    static final int MAX_SKUS = 1_000;

    private final List<GpuSku> skus;
    private final Map<String, GpuSku> byKey = new HashMap<>();
    private final Map<Integer, GpuSku> byPciId = new HashMap<>();

    IndexedSkuCatalogue(List<GpuSku> skus) {
        this.skus = List.copyOf(skus);
        if (this.skus.size() > MAX_SKUS) {
            throw new IllegalArgumentException("a catalogue holds at most " + MAX_SKUS + " SKUs, got " + skus.size());
        }
        Map<String, GpuSku> byId = new HashMap<>();
        for (GpuSku sku : this.skus) {
            GpuSku sameId = byId.putIfAbsent(sku.id(), sku);
            if (sameId != null) {
                throw new IllegalArgumentException("two SKUs have the id " + sku.id());
            }
            for (String key : SkuNames.keysOf(sku)) {
                GpuSku other = byKey.putIfAbsent(key, sku);
                if (other != null && other != sku) {
                    throw new IllegalArgumentException(
                            "the name '" + key + "' is ambiguous: both " + other.id() + " and " + sku.id());
                }
            }
            for (int pciId : sku.pciDeviceIds()) {
                GpuSku other = byPciId.putIfAbsent(pciId, sku);
                if (other != null && other != sku) {
                    throw new IllegalArgumentException("PCI device id 0x" + Integer.toHexString(pciId)
                            + " belongs to both " + other.id() + " and " + sku.id());
                }
            }
        }
    }

    @Override
    public Optional<GpuSku> find(String nvmlNameOrAlias) {
        return Optional.ofNullable(byKey.get(SkuNames.key(nvmlNameOrAlias)));
    }

    @Override
    public Optional<GpuSku> findByPciDeviceId(int pciDeviceId) {
        return Optional.ofNullable(byPciId.get(pciDeviceId));
    }

    @Override
    public List<GpuSku> all() {
        return skus;
    }
}
