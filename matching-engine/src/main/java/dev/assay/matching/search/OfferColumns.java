package dev.assay.matching.search;

import dev.assay.matching.inventory.Host;
import dev.assay.matching.inventory.HostOffer;
import java.util.ArrayList;
import java.util.List;

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
    /*
     * Columns by the field's ordinal (null where the field is of the other kind or sized per offer): a search
     * reads one per filter per row, and an array index is several times cheaper there than an EnumMap lookup.
     */
    private final double[][] numbers = new double[OfferField.values().length][];
    private final String[][] texts = new String[OfferField.values().length][];
    /** Per host-level number field, the least and greatest reading over the rows that have a free GPU. */
    private final double[][] ranges = new double[OfferField.values().length][];
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
        List<OfferField> numberFields = new ArrayList<>();
        List<OfferField> textFields = new ArrayList<>();
        for (OfferField field : OfferField.values()) {
            if (field.kind() == OfferField.Kind.TEXT) {
                texts[field.ordinal()] = new String[n];
                textFields.add(field);
            } else if (!field.dependsOnOfferSize()) {
                numbers[field.ordinal()] = new double[n];
                numberFields.add(field);
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
            for (OfferField field : numberFields) {
                numbers[field.ordinal()][i] = field.number(candidate);
            }
            for (OfferField field : textFields) {
                texts[field.ordinal()][i] = Texts.normalise(field.text(candidate)).intern();
            }
        }
        boolean offered = false;
        for (OfferField field : numberFields) {
            double least = Double.POSITIVE_INFINITY;
            double greatest = Double.NEGATIVE_INFINITY;
            double[] values = numbers[field.ordinal()];
            for (int i = 0; i < n; i++) {
                if (freeGpus[i] > 0) {
                    offered = true;
                    least = Math.min(least, values[i]);
                    greatest = Math.max(greatest, values[i]);
                }
            }
            ranges[field.ordinal()] = new double[] {least, greatest};
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
        return ranges[field.ordinal()];
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
        return numbers[field.ordinal()];
    }

    String[] texts(OfferField field) {
        return texts[field.ordinal()];
    }

    /** A number field's reading for row {@code i} when the offer gives {@code gpus} GPUs. */
    double number(OfferField field, int i, int gpus) {
        return switch (field) {
            case NUM_GPUS -> gpus;
            case PRICE -> (pricePerGpuMicros[i] * gpus) / 1_000_000.0;
            case VALUE -> valueOf(i, gpus);
            default -> numbers[field.ordinal()][i];
        };
    }
}
