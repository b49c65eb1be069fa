package dev.assay.api.billing;

import java.util.Map;
import java.util.UUID;

/**
 * {@link LedgerConcurrencyContract} on H2 in PostgreSQL mode, the embedded default: its locks and MVCC differ
 * from PostgreSQL's, and the guarantees must hold on both.
 */
class LedgerH2ConcurrencyTest extends LedgerConcurrencyContract {

    @Override
    Map<String, Object> createDatabase() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:ledger-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @Override
    void dropDatabase() {
        // In memory: gone with the context's connections (the pool is closed with the context).
    }
}
