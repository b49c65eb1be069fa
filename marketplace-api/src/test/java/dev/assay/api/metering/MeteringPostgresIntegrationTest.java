package dev.assay.api.metering;

import dev.assay.api.testing.PostgresSchema;
import java.util.Map;

/**
 * {@link MeteringContract} on a real PostgreSQL, in a schema of its own (created here and dropped afterwards),
 * so the audit of "the whole ledger" sees only this test's rows and no other test's tables are touched.
 */
class MeteringPostgresIntegrationTest extends MeteringContract {

    private PostgresSchema schema;

    @Override
    Map<String, Object> createDatabase() {
        schema = PostgresSchema.create("metering");
        return schema.datasource();
    }

    @Override
    void dropDatabase() {
        if (schema != null) {
            schema.close();
        }
    }
}
