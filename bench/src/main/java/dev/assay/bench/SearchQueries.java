package dev.assay.bench;

import java.util.List;

/** Typical renter queries, each in Assay's query language and in the equivalent SQL of the baseline. */
record SearchQueries(String name, String engine, String sql) {

    static final List<SearchQueries> ALL = List.of(
            new SearchQueries("best-value 4090s",
                    "gpu_name=RTX_4090 order by value desc limit 50",
                    "SELECT host_id FROM offers WHERE gpu_model = 'RTX_4090' ORDER BY value DESC, host_id LIMIT 50"),
            new SearchQueries("big-memory, reliable, verified, cheapest",
                    "gpu_ram>=40 reliability>0.98 verified=true order by price asc limit 20",
                    "SELECT host_id FROM offers WHERE gpu_ram >= 40 AND reliability > 0.98 AND verified "
                            + "ORDER BY price, host_id LIMIT 20"),
            new SearchQueries("8-GPU secure machines by value",
                    "num_gpus>=8 tier=secure order by value desc limit 10",
                    "SELECT host_id FROM offers WHERE free_gpus >= 8 AND min_gpus <= 8 AND tier = 'SECURE' "
                            + "ORDER BY value DESC, host_id LIMIT 10"),
            new SearchQueries("anywhere but CN, current CUDA, fastest",
                    "geolocation notin [CN] cuda_version>=12.4 order by score desc, price asc limit 50",
                    "SELECT host_id FROM offers WHERE geolocation <> 'CN' AND cuda_version >= 12004000 "
                            + "ORDER BY score DESC, price, host_id LIMIT 50"));
}
