package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.store.Database;

/**
 * The in-memory {@link TitleIndex} behind near-identical title merging: rebuilt from the database
 * after a restart, caught up with rows another process wrote, never trusted over the database, and
 * bounded in time.
 */
class TitleIndexTest {

    static final Instant T0 = Instant.parse("2026-10-06T00:00:00Z");
    static final String TITLE = "Sparse Routing for Efficient Vision Transformers at Scale";
    static final String NEAR = "Sparse routing for efficient vision-transformers at scale";

    @TempDir
    Path dir;
    Database db;
    Jdbi jdbi;
    org.jdbi.v3.core.Handle keeper;

    /** The database under test: embedded H2 here, PostgreSQL in {@code PostgresTitleIndexTest}. */
    Database openDatabase() {
        return Database.open(url(), "", "");
    }

    /** Closes the database and opens it again, as a restart of the application does. */
    Database restartDatabase() {
        db.close();
        return Database.open(url(), "", "");
    }

    void closeDatabase() {
        db.close();
    }

    private String url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        jdbi = db.jdbi();
        keeper = jdbi.open();
        for (String s : List.of("lab", "lab2", "news")) {
            jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES (?, 'rss', ?)", s,
                    "http://127.0.0.1/" + s));
        }
    }

    @AfterEach
    void close() {
        keeper.close();
        closeDatabase();
    }

    static Item post(String source, String guid, String title, Instant published) {
        String url = "https://" + source + ".example.org/blog/" + guid;
        return new Item(source, guid, url, Links.canonical(url), title, "A post about it.", "A post about it.",
                List.of("Comms Team"), null, null, published, List.of());
    }

    static boolean save(Jdbi jdbi, Item item, Instant seenAt) {
        return jdbi.inTransaction(h -> new ItemStore().save(h, item, "research", "test", true, seenAt));
    }

    int indexedPapers() {
        return jdbi.<Integer, RuntimeException>withHandle(h -> TitleIndex.of(h).size()[0]);
    }

    int count(Jdbi on, String sql) {
        return on.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    @Test
    void aTitleSeenBeforeARestartStillMergesAfterIt() {
        save(jdbi, post("lab", "a", TITLE, T0), T0);
        keeper.close();
        db = restartDatabase(); // a new Jdbi: a new, empty index, rebuilt from the database at its first use
        jdbi = db.jdbi();
        keeper = jdbi.open();
        save(jdbi, post("lab2", "b", NEAR, T0.plus(Duration.ofDays(2))), T0.plus(Duration.ofDays(2)));
        assertThat(count(jdbi, "SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(count(jdbi, "SELECT mentions FROM papers")).isEqualTo(2);
        assertThat(indexedPapers()).isEqualTo(1);
    }

    @Test
    void aPaperAnotherProcessWroteIsFoundWithoutARestart() {
        save(jdbi, post("lab", "a", "Graph Neural Networks for Weather Forecasting Today", T0), T0);
        // another process (or a restore) writes a paper and its research sighting behind our back
        jdbi.useHandle(h -> {
            long id = h.createUpdate("INSERT INTO papers (canonical_url, title, first_seen_at, published_at)"
                            + " VALUES ('https://other.example.org/p', :t, :at, :at)")
                    .bind("t", TITLE).bind("at", SourceStore.utc(T0)).executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class).one();
            h.createUpdate("INSERT INTO items (source_id, guid, guid_hash, title, published_at, first_seen_at, kind,"
                            + " source_rank, paper_id) VALUES ('lab', 'x', :hash, :t, :at, :at, 'research', 2, :p)")
                    .bind("hash", FeedParser.sha256("x")).bind("t", TITLE).bind("at", SourceStore.utc(T0)).bind("p", id)
                    .execute();
        });
        save(jdbi, post("news", "n", NEAR, T0.plus(Duration.ofDays(1))), T0.plus(Duration.ofDays(1)));
        assertThat(count(jdbi, "SELECT COUNT(*) FROM papers")).isEqualTo(2);
        assertThat(count(jdbi, "SELECT COUNT(*) FROM items WHERE paper_id = (SELECT id FROM papers"
                + " WHERE canonical_url = 'https://other.example.org/p')")).isEqualTo(2);
    }

    @Test
    void aPaperRolledBackIsProposedByTheIndexButNeverJoined() {
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            new ItemStore().save(h, post("lab", "a", TITLE, T0), "research", "test", true, T0);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        // the paper and item are gone; the index still names the paper's id
        assertThat(count(jdbi, "SELECT COUNT(*) FROM papers")).isZero();
        save(jdbi, post("lab2", "b", NEAR, T0), T0);
        save(jdbi, post("news", "c", TITLE, T0), T0);
        assertThat(count(jdbi, "SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(count(jdbi, "SELECT mentions FROM papers")).isEqualTo(2);
    }

    @Test
    void anItemOlderThanTheIndexReachesIsMatchedByTheDatabase() {
        Instant later = T0.plus(TitleIndex.RETENTION).plus(Duration.ofDays(30));
        // the index is built at this first save, reaching back RETENTION before it: T0 lies outside
        save(jdbi, post("lab", "a", TITLE, T0), later);
        save(jdbi, post("lab2", "b", NEAR, T0.plus(Duration.ofDays(5))), later);
        save(jdbi, post("news", "c", TITLE, T0.plus(Duration.ofDays(200))), later); // outside the ±60 days
        assertThat(count(jdbi, "SELECT COUNT(*) FROM papers")).isEqualTo(2);
        assertThat(count(jdbi, "SELECT MAX(mentions) FROM papers")).isEqualTo(2);
    }

    @Test
    void papersOlderThanTheRetentionLeaveTheIndex() {
        save(jdbi, post("lab", "a", TITLE, T0), T0);
        save(jdbi, post("lab2", "b", "Graph Neural Networks for Weather Forecasting Today", T0), T0);
        assertThat(indexedPapers()).isEqualTo(2);
        Instant later = T0.plus(TitleIndex.RETENTION).plus(Duration.ofDays(2));
        save(jdbi, post("news", "c", "Protein Folding Benchmarks for Molecular Dynamics Simulation", later), later);
        assertThat(indexedPapers()).isEqualTo(1);
        // and a late sighting of the evicted paper's title still merges, through the database
        save(jdbi, post("news", "d", NEAR, T0.plus(Duration.ofDays(3))), later);
        assertThat(count(jdbi, "SELECT COUNT(*) FROM papers")).isEqualTo(3);
        assertThat(count(jdbi, "SELECT MAX(mentions) FROM papers")).isEqualTo(2);
    }
}
