package dev.assay.api.pods;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code pods} as this package reads it. The metering columns ({@code billed_until},
 * {@code meter_remainder}) are read for display only: metering writes them with its own SQL, and no
 * statement of this package writes them back from a row it read earlier.
 */
record PodRow(String id, String orgId, String name, String image, PodType type, PodState state, String hostId,
              int gpuCount, List<Integer> gpuIndices, int cpuCores, long ramGb, long diskGb, String envJson,
              String ports, long gpuPriceMicros, long storageMicros, Long bidMicros, Instant runningSince,
              Instant billedUntil, Instant createdAt, Instant updatedAt) {

    boolean interruptible() {
        return type == PodType.INTERRUPTIBLE;
    }
}
