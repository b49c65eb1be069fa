package dev.assay.api.billing;

import dev.assay.api.testing.PostgresSchema;
import java.util.Map;

/** {@link LedgerConcurrencyContract} on a real PostgreSQL, in a schema of its own. */
class LedgerPostgresIntegrationTest extends LedgerConcurrencyContract {

    private PostgresSchema schema;

    @Override
    Map<String, Object> createDatabase() {
        schema = PostgresSchema.create("ledger");
        return schema.datasource();
    }

    @Override
    void dropDatabase() {
        if (schema != null) {
            schema.close();
        }
    }
}
