package org.trendpress.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Migration V8 moves the items' summaries into {@code item_texts} and keeps their lengths on the
 * row: a database written before it (at V7) comes out with every summary where the readers look,
 * on H2 and on PostgreSQL.
 */
class ItemTextsMigrationTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void summariesWrittenBeforeV8AreMovedOnH2() {
        String url = "jdbc:h2:mem:v8-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=MONTH";
        check(url, "sa");
    }

    @Test
    void summariesWrittenBeforeV8AreMovedOnPostgres() throws SQLException {
        String schema = "tp_v8_" + Long.toHexString(System.nanoTime());
        try (Connection c = connectPostgres(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        try {
            check(PG + "?currentSchema=" + schema, "postgres");
        } finally {
            try (Connection c = connectPostgres(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void check(String url, String user) {
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("7").load().migrate();
        Jdbi jdbi = Jdbi.create(url, user, "");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO sources (id, type, url) VALUES ('lab', 'rss', 'http://127.0.0.1/feed')");
            String insert = "INSERT INTO items (id, source_id, guid, guid_hash, title, summary_html, summary_text,"
                    + " published_at, first_seen_at, kind) VALUES (?, 'lab', ?, ?, 'A title', ?, ?,"
                    + " TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00', 'news')";
            h.execute(insert, 1, "g1", "1".repeat(64), "<p>Sparse <b>routing</b></p>", "Sparse routing");
            h.execute(insert, 2, "g2", "2".repeat(64), null, null);
            h.execute(insert, 3, "g3", "3".repeat(64), "<p> </p>", "   ");
        });

        try (Database db = Database.open(url, user, "")) {
            List<Map<String, Object>> items = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT i.id, i.summary_chars, t.summary_html, t.summary_text FROM items i"
                            + " LEFT JOIN item_texts t ON t.item_id = i.id ORDER BY i.id").mapToMap().list());
            assertThat(items).hasSize(3);
            assertThat(items.get(0)).containsEntry("summary_chars", 14)
                    .containsEntry("summary_html", "<p>Sparse <b>routing</b></p>")
                    .containsEntry("summary_text", "Sparse routing");
            assertThat(items.get(1)).containsEntry("summary_chars", 0).containsEntry("summary_text", null);
            assertThat(items.get(2)).as("a blank summary is kept, and counts as none").containsEntry("summary_chars", 0)
                    .containsEntry("summary_text", "   ");
            int texts = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM item_texts").mapTo(Integer.class).one());
            assertThat(texts).as("no row for the item without a summary").isEqualTo(2);
        }
    }

    private static Connection connectPostgres() {
        try {
            return DriverManager.getConnection(PG, "postgres", "");
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI is set but PostgreSQL on 127.0.0.1:5432 is not reachable: " + e.getMessage());
            }
            assumeTrue(false, "PostgreSQL on 127.0.0.1:5432 not reachable, skipping: " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }
}
