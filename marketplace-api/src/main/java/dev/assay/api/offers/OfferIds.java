package dev.assay.api.offers;

import java.util.Optional;

/**
 * An offer's id: its host's id and the pod size it was sized to, {@code <host id>-<gpus>}
 * ({@code hst_…-2}). Stable for as long as the host offers that size, and readable back without a lookup:
 * {@code POST /v1/pods} takes it as {@code offer_id} and places on that host.
 */
public final class OfferIds {

    private OfferIds() {}

    public static String of(String hostId, int gpuCount) {
        return hostId + "-" + gpuCount;
    }

    /** The host id and GPU count of {@code offerId}; empty when it is not an offer id. */
    public static Optional<Parsed> parse(String offerId) {
        if (offerId == null || offerId.length() > 80) {
            return Optional.empty();
        }
        int dash = offerId.lastIndexOf('-');
        if (dash <= 0 || dash == offerId.length() - 1) {
            return Optional.empty();
        }
        String count = offerId.substring(dash + 1);
        if (!count.matches("[1-9][0-9]?")) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(offerId.substring(0, dash), Integer.parseInt(count)));
    }

    public record Parsed(String hostId, int gpuCount) {}
}
