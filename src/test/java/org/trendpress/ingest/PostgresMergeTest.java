package org.trendpress.ingest;

import org.trendpress.store.Database;
import org.trendpress.testing.PostgresSchema;

/** Every {@link MergeTest} case again on PostgreSQL (a throw-away schema on the loopback server). */
class PostgresMergeTest extends MergeTest {

    private PostgresSchema pg;

    @Override
    Database openDatabase() {
        pg = new PostgresSchema();
        return pg.database();
    }

    @Override
    void closeDatabase() {
        pg.close();
    }
}
