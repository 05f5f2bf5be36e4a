package org.trendpress.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trendpress.testing.PostgresSchema;

/**
 * The same migrations run on PostgreSQL (the loopback server of this kind of machine). Skipped
 * with a message when no server answers; fails when CI is set, since CI machines have one.
 */
class PostgresMigrationTest {

    @Test
    void migrationsRunOnPostgres() {
        try (PostgresSchema pg = new PostgresSchema()) {
            Database db = pg.database();
            List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                                    + " ORDER BY table_name")
                    .mapTo(String.class).list());
            assertThat(tables).contains("sources", "items", "papers", "drafts", "candidates", "selections",
                    "issues", "subscribers", "deliveries");
            db.jdbi().useHandle(h -> h.execute("INSERT INTO drafts (month, window_start, window_end, state,"
                    + " created_at, updated_at) VALUES ('2026-10', now(), now(), 'open', now(), now())"));
            String month = db.jdbi().withHandle(h -> h.createQuery("SELECT month FROM drafts")
                    .mapTo(String.class).one());
            assertThat(month).isEqualTo("2026-10");
        }
    }
}
