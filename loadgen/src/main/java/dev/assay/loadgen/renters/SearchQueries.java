package dev.assay.loadgen.renters;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The searches SIMULATED renters type, in the query language of docs/query-language.md: a GPU model, memory,
 * reliability, tier, region, price ceilings, several sort orders and page sizes (limit 10..100). A run draws a
 * fixed catalogue of {@link #CATALOGUE_SIZE} queries from its seed and renters pick from it, because real
 * renters repeat the popular searches (which the marketplace may answer from its cache; a catalogue as large as
 * the run would measure a market where nobody searches for the same thing twice).
 */
final class SearchQueries {

    static final int CATALOGUE_SIZE = 64;

    /** GPU models of the demo fleet (marketplace-api's DemoHosts), by their catalogue ids. */
    private static final List<String> MODELS = List.of("RTX_3090", "RTX_4090", "RTX_5090", "RTX_A6000", "L4", "L40S",
            "A100_PCIE_40GB", "A100_SXM4_80GB", "H100_SXM5_80GB", "H200_SXM");
    private static final List<String> REGIONS = List.of("us-east", "us-west", "eu-central", "eu-west",
            "ap-northeast", "ca-central");
    private static final List<String> ORDERS = List.of("order by value desc", "order by price asc",
            "order by score desc, price asc", "order by reliability desc", "order by min_bid asc", "");
    private static final int[] LIMITS = {10, 20, 20, 50, 50, 100};

    private final List<String> catalogue;

    SearchQueries(RandomGenerator random) {
        List<String> queries = new ArrayList<>(CATALOGUE_SIZE);
        for (int i = 0; i < CATALOGUE_SIZE; i++) {
            queries.add(draw(random));
        }
        this.catalogue = List.copyOf(queries);
    }

    private SearchQueries(List<String> catalogue) {
        this.catalogue = catalogue;
    }

    /** A catalogue of one query: a benchmark compares the same request (and answer) on two servers. */
    static SearchQueries only(String query) {
        return new SearchQueries(List.of(query));
    }

    /** One query of the catalogue. */
    String pick(RandomGenerator random) {
        return catalogue.get(random.nextInt(catalogue.size()));
    }

    List<String> catalogue() {
        return catalogue;
    }

    /** One renter's search: a kind of need, then an order and a page size. */
    static String draw(RandomGenerator random) {
        String filters = switch (random.nextInt(8)) {
            case 0 -> "gpu_name=" + any(random, MODELS);
            case 1 -> "gpu_ram>=" + (random.nextBoolean() ? 24 : 40) + " reliability>0." + (90 + random.nextInt(9))
                    + " verified=true";
            case 2 -> "num_gpus>=" + (1 << random.nextInt(4)) + " tier=secure";
            case 3 -> "gpu_name in [" + any(random, MODELS) + "," + any(random, MODELS) + "] geolocation notin [CN]";
            case 4 -> "gpu_ram>=40 reliability>0.95 cuda_version>=12." + random.nextInt(5);
            case 5 -> "region=" + any(random, REGIONS) + " price<=$" + (1 + random.nextInt(8));
            case 6 -> "tier=community score>=" + (20 + random.nextInt(60)) + " inet_down>=500";
            default -> "";
        };
        String order = any(random, ORDERS);
        String limit = "limit " + LIMITS[random.nextInt(LIMITS.length)];
        return String.join(" ", filters, order, limit).strip().replaceAll(" +", " ");
    }

    private static String any(RandomGenerator random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
