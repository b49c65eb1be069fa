package dev.assay.loadgen.renters;

import com.fasterxml.jackson.databind.JsonNode;

/** An offer a renter saw in a search answer: enough to look at it again, rent it, or bid on its host. */
record KnownOffer(String id, String hostId, int gpus, long minBidMicrosPerGpuHour) {

    static KnownOffer of(JsonNode item) {
        return new KnownOffer(item.path("id").asText(), item.path("host_id").asText(), item.path("num_gpus").asInt(1),
                item.path("min_bid_per_gpu_hour").path("micros").asLong(0));
    }
}
