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
 * <p>Offer-dependent figures ({@code num_gpus}, {@code price}, {@code value}) are computed per row for the
 * size the query gives the offer. Value is score × n ÷ (n × price), equal to score ÷ price in exact
 * arithmetic, but in doubles its last bit depends on n; it is computed exactly as {@link dev.assay.pricing.Value}
 * computes the value an {@link Offer} shows, so that filtering, sorting (ties fall through to the next key)
 * and the figure on screen agree to the bit.
 */
final class OfferColumns {

    final Host[] hosts;
    /** Free GPUs, or 0 when the host has no offer (so it is never an offer). */
    final int[] freeGpus;
    final int[] minGpusPerPod;
    final long[] pricePerGpuMicros;
    final double[] scorePerGpu;
    private final Map<OfferField, double[]> numbers = new EnumMap<>(OfferField.class);
    private final Map<OfferField, String[]> texts = new EnumMap<>(OfferField.class);
    /** Per host-level number field, the least and greatest reading over the rows that have a free GPU. */
    private final Map<OfferField, double[]> ranges = new EnumMap<>(OfferField.class);
    private final boolean anyOffer;
    /**
     * Row i's offer of all its free GPUs, built on first use: an offer is a pure function of the host and its
     * size, and the columns live only as long as the model's hosts are unchanged. Racing threads may both
     * build one; offers are immutable, so either is right.
     */
    private final Offer[] wholeOffers;

    OfferColumns(List<Host> list) {
        int n = list.size();
        hosts = list.toArray(Host[]::new);
        freeGpus = new int[n];
        wholeOffers = new Offer[n];
        minGpusPerPod = new int[n];
        pricePerGpuMicros = new long[n];
        scorePerGpu = new double[n];
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
            scorePerGpu[i] = host.scorePerGpu();
            for (Map.Entry<OfferField, double[]> column : numbers.entrySet()) {
                column.getValue()[i] = column.getKey().number(candidate);
            }
            for (Map.Entry<OfferField, String[]> column : texts.entrySet()) {
                column.getValue()[i] = Texts.normalise(column.getKey().text(candidate)).intern();
            }
        }
        boolean offered = false;
        for (Map.Entry<OfferField, double[]> column : numbers.entrySet()) {
            double least = Double.POSITIVE_INFINITY;
            double greatest = Double.NEGATIVE_INFINITY;
            double[] values = column.getValue();
            for (int i = 0; i < n; i++) {
                if (freeGpus[i] > 0) {
                    offered = true;
                    least = Math.min(least, values[i]);
                    greatest = Math.max(greatest, values[i]);
                }
            }
            ranges.put(column.getKey(), new double[] {least, greatest});
        }
        anyOffer = offered;
    }

    /** Row {@code i}'s offer of {@code gpus} GPUs (remembered when it is all the row's free GPUs). */
    Offer offer(int i, int gpus) {
        if (gpus != freeGpus[i]) {
            return OfferSearch.offerOf(hosts[i], gpus);
        }
        Offer known = wholeOffers[i];
        if (known == null) {
            known = OfferSearch.offerOf(hosts[i], gpus);
            wholeOffers[i] = known;
        }
        return known;
    }

    /** Whether any row has a free GPU on offer (only those can be offers). */
    boolean anyOffer() {
        return anyOffer;
    }

    /** {least, greatest} reading of a host-level number field over the rows with a free GPU. */
    double[] range(OfferField field) {
        return ranges.get(field);
    }

    /** Score × GPUs ÷ dollars per hour, as {@code Value.of} reads it; a free offer has unbounded value. */
    private double valueOf(int i, int gpus) {
        long micros = pricePerGpuMicros[i] * gpus;
        return micros == 0 ? Double.POSITIVE_INFINITY : scorePerGpu[i] * gpus / (micros / 1_000_000.0);
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
            case PRICE -> (pricePerGpuMicros[i] * gpus) / 1_000_000.0;
            case VALUE -> valueOf(i, gpus);
            default -> numbers.get(field)[i];
        };
    }
}
