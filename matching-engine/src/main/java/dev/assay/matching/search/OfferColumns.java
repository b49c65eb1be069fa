package dev.assay.matching.search;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts of one GPU model laid out as columns (one primitive array per field), so a search scans a few
 * contiguous arrays instead of chasing each host's objects. Built once per model and kept by the snapshot
 * until that model's hosts change ({@code InventorySnapshot.derivedForGpuModel}). Immutable once built.
 *
 * <p>Offer-dependent figures: an offer of n GPUs costs n × the per-GPU price and is worth
 * score × n ÷ (n × price) = score ÷ price, so value is a host column and only {@code num_gpus} and
 * {@code price} depend on how the query sizes the offer.
 */
final class OfferColumns {

    final Host[] hosts;
    /** Free GPUs, or 0 when the host has no offer (so it is never an offer). */
    final int[] freeGpus;
    final int[] minGpusPerPod;
    final long[] pricePerGpuMicros;
    final double[] value;
    private final Map<OfferField, double[]> numbers = new EnumMap<>(OfferField.class);
    private final Map<OfferField, String[]> texts = new EnumMap<>(OfferField.class);

    OfferColumns(List<Host> list) {
        int n = list.size();
        hosts = list.toArray(Host[]::new);
        freeGpus = new int[n];
        minGpusPerPod = new int[n];
        pricePerGpuMicros = new long[n];
        value = new double[n];
        for (OfferField field : OfferField.values()) {
            if (field.kind() == OfferField.Kind.TEXT) {
                texts.put(field, new String[n]);
            } else if (!field.dependsOnOfferSize()) {
                numbers.put(field, new double[n]);
            }
        }
        Candidate candidate = new Candidate();
        for (int i = 0; i < n; i++) {
            Host host = hosts[i];
            if (host.offer().isEmpty()) {
                continue;
            }
            HostOffer offer = host.offer().get();
            freeGpus[i] = host.freeGpuCount();
            minGpusPerPod[i] = offer.minGpusPerPod();
            pricePerGpuMicros[i] = offer.onDemandPerGpuHour().micros();
            candidate.reset(host, offer, Math.max(1, freeGpus[i]));
            value[i] = candidate.value();
            for (Map.Entry<OfferField, double[]> column : numbers.entrySet()) {
                column.getValue()[i] = column.getKey().number(candidate);
            }
            for (Map.Entry<OfferField, String[]> column : texts.entrySet()) {
                column.getValue()[i] = Texts.normalise(column.getKey().text(candidate)).intern();
            }
        }
    }

    int size() {
        return hosts.length;
    }

    /** The column of a host-level number field (not num_gpus, price or value). */
    double[] numbers(OfferField field) {
        return numbers.get(field);
    }

    String[] texts(OfferField field) {
        return texts.get(field);
    }

    /** A number field's reading for row {@code i} when the offer gives {@code gpus} GPUs. */
    double number(OfferField field, int i, int gpus) {
        return switch (field) {
            case NUM_GPUS -> gpus;
            case PRICE -> pricePerGpuMicros[i] * (double) gpus / 1_000_000.0;
            case VALUE -> value[i];
            default -> numbers.get(field)[i];
        };
    }
}
