package org.trendpress.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database hands out pooled connections: H2 runs the URL's session settings as SET
 * commands on every new connection, and each SET makes every open session parse its prepared
 * statements again. These tests pin what the pool must keep: connections are reused, a connection
 * handed back leaves nothing of its transaction behind, and closing releases the file.
 */
class H2ConnectionPoolTest {

    @TempDir
    Path dir;

    private String url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
    }

    @Test
    void handlesOpenedOneAfterAnotherReuseTheSessions() {
        try (Database db = Database.open(url("reuse"), "sa", "")) {
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                ids.add(db.jdbi().withHandle(h -> h.createQuery("SELECT SESSION_ID()").mapTo(Long.class).one()));
            }
            // without the pool each handle would be a new session (50 ids), each opened with SET commands
            assertThat(ids).as("H2 sessions behind 50 handles opened one after another").hasSizeBetween(1, 3);
        }
    }

    @Test
    void aFileDatabaseWritesItsChangesOutEvery25MsUnlessTheUrlSaysOtherwise() {
        try (Database db = Database.open(url("delay"), "sa", "")) {
            assertThat(writeDelay(db)).isEqualTo(String.valueOf(Database.H2_WRITE_DELAY_MS)).isEqualTo("25");
            // set once at open, not per connection: a new session sees the same value
            try (Handle a = db.jdbi().open(); Handle b = db.jdbi().open()) {
                assertThat(writeDelay(b)).isEqualTo("25");
            }
        }
        try (Database db = Database.open(url("own-delay") + ";WRITE_DELAY=300", "sa", "")) {
            assertThat(writeDelay(db)).isEqualTo("300");
        }
    }

    @Test
    void theCacheOfAFileDatabaseIsA64thOfTheHeapUnlessTheUrlSaysOtherwise() {
        assertThat(Database.h2CacheKb(256L << 20)).isEqualTo(4096);
        assertThat(Database.h2CacheKb(1L << 30)).isEqualTo(16384);
        assertThat(Database.h2CacheKb(6L << 30)).isEqualTo(98304);
        assertThat(Database.h2CacheKb(64L << 20)).as("at least 4 MB").isEqualTo(4096);
        assertThat(Database.h2CacheKb(Long.MAX_VALUE)).as("no limit known").isEqualTo(65536);
        String ours = String.valueOf(Database.h2CacheKb(Runtime.getRuntime().maxMemory()));
        try (Database db = Database.open(url("cache-size"), "sa", "")) {
            assertThat(setting(db, "CACHE_SIZE")).isEqualTo(ours);
            try (Handle a = db.jdbi().open(); Handle b = db.jdbi().open()) {
                assertThat(setting(b, "CACHE_SIZE")).isEqualTo(ours);
            }
        }
        try (Database db = Database.open(url("own-cache") + ";CACHE_SIZE=2048", "sa", "")) {
            assertThat(setting(db, "CACHE_SIZE")).isEqualTo("2048");
        }
        // QUERY_CACHE_SIZE is another setting: the page cache is still ours
        try (Database db = Database.open(url("query-cache") + ";QUERY_CACHE_SIZE=16", "sa", "")) {
            assertThat(setting(db, "CACHE_SIZE")).isEqualTo(ours);
        }
    }

    @Test
    void aFileDatabaseCompactsChunksUnder30PercentLiveUnlessTheUrlSaysOtherwise() {
        try (Database db = Database.open(url("compact"), "sa", "")) {
            assertThat(setting(db, "AUTO_COMPACT_FILL_RATE"))
                    .isEqualTo(String.valueOf(Database.H2_AUTO_COMPACT_FILL_RATE)).isEqualTo("30");
        }
        try (Database db = Database.open(url("own-compact") + ";AUTO_COMPACT_FILL_RATE=80", "sa", "")) {
            assertThat(setting(db, "AUTO_COMPACT_FILL_RATE")).isEqualTo("80");
        }
        // a database in memory has no file to compact: its URL is left alone
        assertThat(Database.h2Url("jdbc:h2:mem:x")).doesNotContain("AUTO_COMPACT_FILL_RATE");
        assertThat(Database.h2Url("jdbc:h2:file:./data/x")).contains(";AUTO_COMPACT_FILL_RATE=30");
    }

    @Test
    void h2sObjectCacheIsOffForEveryDatabaseTheApplicationOpens() {
        // H2 reads h2.objectCache once, when its settings class loads: Database sets it first
        try (Database db = Database.open(url("cache"), "sa", "")) {
            assertThat(System.getProperty("h2.objectCache")).isEqualTo("false");
            assertThat(org.h2.engine.SysProperties.OBJECT_CACHE).as("H2's object cache").isFalse();
            // strings still go in and come out whole
            String text = "x".repeat(280) + " é – “quoted” ✓";
            db.jdbi().useHandle(h -> h.execute("INSERT INTO sources (id, name, type, url, kind_hint, enabled)"
                    + " VALUES ('s1', ?, 'rss', 'http://127.0.0.1/feed', 'news', TRUE)", text));
            String back = db.jdbi().withHandle(h -> h.createQuery("SELECT name FROM sources WHERE id='s1'")
                    .mapTo(String.class).one());
            assertThat(back).isEqualTo(text);
        }
    }

    private static String setting(Database db, String name) {
        return db.jdbi().withHandle(h -> setting(h, name));
    }

    private static String setting(Handle h, String name) {
        return h.createQuery("SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = :n")
                .bind("n", name).mapTo(String.class).one();
    }

    private static String writeDelay(Database db) {
        return db.jdbi().withHandle(H2ConnectionPoolTest::writeDelay);
    }

    /** H2 lists the setting twice (database and stored setting), with the same value. */
    private static String writeDelay(Handle h) {
        return h.createQuery("SELECT DISTINCT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'WRITE_DELAY'").mapTo(String.class).one();
    }

    @Test
    void handlesOpenAtOnceGetTheirOwnSessions() {
        try (Database db = Database.open(url("parallel"), "sa", "")) {
            try (Handle a = db.jdbi().open(); Handle b = db.jdbi().open()) {
                long sessions = a.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS").mapTo(Long.class).one();
                assertThat(sessions).isEqualTo(2);
                assertThat(b.createQuery("SELECT SESSION_ID()").mapTo(Long.class).one())
                        .isNotEqualTo(a.createQuery("SELECT SESSION_ID()").mapTo(Long.class).one());
            }
        }
    }

    @Test
    void aConnectionHandedBackMidTransactionIsRolledBack() throws Exception {
        try (Database db = Database.open(url("rollback"), "sa", "")) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.executeUpdate("INSERT INTO sources (id, name, type, url, kind_hint, enabled) VALUES ('s1', 'S', 'rss',"
                        + " 'http://127.0.0.1/feed', 'news', TRUE)");
            } // closed without a commit: the pooled connection goes back with its transaction open
            try (Connection next = db.dataSource().getConnection(); Statement st = next.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sources")) {
                assertThat(next.getAutoCommit()).as("the next user gets auto-commit back").isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void closingReleasesTheFileAndKeepsWhatWasCommitted() {
        String url = url("reopen");
        try (Database db = Database.open(url, "sa", "")) {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO sources (id, name, type, url, kind_hint, enabled)"
                    + " VALUES ('s1', 'S', 'rss', 'http://127.0.0.1/feed', 'news', TRUE)"));
        }
        try (Database again = Database.open(url, "sa", "")) {
            String name = again.jdbi().withHandle(h -> h.createQuery("SELECT name FROM sources WHERE id='s1'")
                    .mapTo(String.class).one());
            assertThat(name).isEqualTo("S");
        }
    }
}
