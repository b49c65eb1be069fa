package dev.assay.loadgen.renters;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * How often each {@link RenterOperation} is chosen, as whole-number weights: {@code search=70,offer=10,…}. The
 * weights need not add up to 100 (they are shares of their sum), so {@code --mix search=1} means search only.
 */
public final class RenterMix {

    /** A renter's day: mostly looking, sometimes renting, stopping and bidding. */
    public static final String DEFAULT = "search=70,offer=10,create_pod=8,stop_pod=7,bid=5";
    /** A weight above this is a typo, not a mix. */
    private static final int MAX_WEIGHT = 1_000_000;

    private final Map<RenterOperation, Integer> weights;
    private final int total;

    private RenterMix(Map<RenterOperation, Integer> weights) {
        this.weights = Collections.unmodifiableMap(new EnumMap<>(weights));
        this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            throw new IllegalArgumentException("--mix: every weight is 0; give at least one operation a weight above 0");
        }
    }

    /**
     * Reads {@code name=weight,…}; each operation at most once, weights whole numbers 0..1,000,000, at least one
     * above 0. Operations left out weigh 0. Throws {@link IllegalArgumentException} naming the bad part.
     */
    public static RenterMix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--mix is empty; expected e.g. " + DEFAULT);
        }
        Map<RenterOperation, Integer> weights = new EnumMap<>(RenterOperation.class);
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--mix: '" + part.strip() + "' is not name=weight (e.g. search=70)");
            }
            RenterOperation op = RenterOperation.named(part.substring(0, eq));
            String number = part.substring(eq + 1).strip();
            int weight;
            try {
                weight = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: the weight of " + op.reportName()
                        + " must be a whole number, was '" + number + "'");
            }
            if (weight < 0 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException("--mix: the weight of " + op.reportName() + " must be 0.."
                        + MAX_WEIGHT + ", was " + weight);
            }
            if (weights.put(op, weight) != null) {
                throw new IllegalArgumentException("--mix: " + op.reportName() + " is given twice");
            }
        }
        return new RenterMix(weights);
    }

    /** The mix with the operations that need credit left out: a run without an operator key only looks. */
    public RenterMix withoutPaidOperations() {
        Map<RenterOperation, Integer> free = new EnumMap<>(RenterOperation.class);
        weights.forEach((op, weight) -> {
            if (!op.needsCredit()) {
                free.put(op, weight);
            }
        });
        if (free.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("--mix " + this + " has only pod operations, which need credit: give "
                    + "--operator-key (or $ASSAY_OPERATOR_KEY) or a mix with search/offer");
        }
        return new RenterMix(free);
    }

    /** One operation, drawn by weight. */
    public RenterOperation pick(RandomGenerator random) {
        int ticket = random.nextInt(total);
        for (Map.Entry<RenterOperation, Integer> entry : weights.entrySet()) {
            ticket -= entry.getValue();
            if (ticket < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("weights changed under the mix");
    }

    public int weight(RenterOperation op) {
        return weights.getOrDefault(op, 0);
    }

    /** Whether any operation with a weight needs credit. */
    public boolean hasPaidOperations() {
        return weights.entrySet().stream().anyMatch(e -> e.getKey().needsCredit() && e.getValue() > 0);
    }

    /** Whether a renter needs offers it has seen (to look at one, rent it or bid on it). */
    boolean needsKnownOffers() {
        return weight(RenterOperation.OFFER) + weight(RenterOperation.CREATE_POD) + weight(RenterOperation.BID) > 0;
    }

    @Override
    public String toString() {
        return weights.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().reportName() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
