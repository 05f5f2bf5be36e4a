package org.trendpress.ingest;

import org.trendpress.store.Database;
import org.trendpress.testing.PostgresSchema;

/** Every {@link TitleIndexTest} case again on PostgreSQL (a throw-away schema on the loopback server). */
class PostgresTitleIndexTest extends TitleIndexTest {

    private PostgresSchema pg;

    @Override
    Database openDatabase() {
        pg = new PostgresSchema();
        return pg.database();
    }

    @Override
    Database restartDatabase() {
        return pg.reopen();
    }

    @Override
    void closeDatabase() {
        pg.close();
    }
}
