package dev.assay.api.metering;

import java.util.Map;
import java.util.UUID;

/** {@link MeteringContract} on H2 in PostgreSQL mode, the embedded default. */
class MeteringH2Test extends MeteringContract {

    @Override
    Map<String, Object> createDatabase() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:metering-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @Override
    void dropDatabase() {
        // In memory: gone with the context's connections.
    }
}
