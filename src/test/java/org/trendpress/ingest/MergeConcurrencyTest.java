package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.store.Database;

/** Sources poll in parallel: two transactions seeing the same new work still make one Paper. */
class MergeConcurrencyTest {

    @TempDir
    Path dir;
    Database db;
    Jdbi jdbi;
    org.jdbi.v3.core.Handle keeper;
    ExecutorService pool = Executors.newFixedThreadPool(2);

    /** The database under test: embedded H2 here, PostgreSQL in {@code PostgresMergeConcurrencyTest}. */
    Database openDatabase() {
        return Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
    }

    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        jdbi = db.jdbi();
        // keep the embedded database open between transactions: without an open connection H2
        // closes and reopens the file for every handle, which corrupted it under load here
        keeper = jdbi.open();
        for (String s : List.of("arxiv-rss", "hf")) {
            jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES (?, 'rss', ?)", s,
                    "http://127.0.0.1/" + s));
        }
    }

    @AfterEach
    void close() {
        keeper.close();
        pool.shutdownNow();
        closeDatabase();
    }

    static Item item(String source, String arxivId) {
        String url = source.equals("hf") ? "https://huggingface.co/papers/" + arxivId : "https://arxiv.org/abs/" + arxivId;
        return new Item(source, source + ":" + arxivId, url, url, "A paper numbered " + arxivId, "Abstract.",
                "Abstract.", List.of("Ada Lovelace"), arxivId, null, Instant.parse("2026-10-06T00:00:00Z"), List.of());
    }

    @Test
    void theTransactionThatLosesTheInsertRaceJoinsTheWinnersPaper() throws Exception {
        ItemStore store = new ItemStore();
        CountDownLatch aSaved = new CountDownLatch(1);
        Instant now = Instant.parse("2026-10-07T00:00:00Z");
        Future<Boolean> a = pool.submit(() -> jdbi.inTransaction(h -> {
            boolean added = store.save(h, item("arxiv-rss", "2610.09999"), "research", "t", true, now);
            aSaved.countDown();
            // commit only once the other transaction waits on our uncommitted paper
            awaitBlockedSession();
            return added;
        }));
        assertThat(aSaved.await(60, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> b = pool.submit(() -> jdbi.inTransaction(h ->
                store.save(h, item("hf", "2610.09999"), "research", "t", true, now)));
        assertThat(a.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(60, TimeUnit.SECONDS)).isTrue();

        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(count("SELECT mentions FROM papers WHERE arxiv_id = '2610.09999'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(DISTINCT paper_id) FROM items")).isEqualTo(1);
    }

    @Test
    void twoSourcesSavingTheSameNewPapersAtOnceMakeOnePaperEach() throws Exception {
        ItemStore store = new ItemStore();
        Instant now = Instant.parse("2026-10-07T00:00:00Z");
        int papers = 15;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (String source : List.of("arxiv-rss", "hf")) {
            runs.add(pool.submit(() -> {
                start.await(60, TimeUnit.SECONDS);
                int added = 0;
                for (int i = 0; i < papers; i++) {
                    String id = String.format("2610.%05d", i);
                    // one short transaction per item, so the two sources interleave
                    if (jdbi.inTransaction(h -> store.save(h, item(source, id), "research", "t", true, now))) {
                        added++;
                    }
                }
                return added;
            }));
        }
        for (Future<Integer> f : runs) {
            assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(papers);
        }
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(papers);
        assertThat(count("SELECT COUNT(*) FROM papers WHERE mentions = 2")).isEqualTo(papers);
    }

    /**
     * Two sightings of one paper saved at once (a submitted link beside the poller, two processes):
     * the second save waits for the first and merges into the paper as the first left it, so both
     * count, and so does every later sighting merged from the paper row.
     */
    @Test
    void twoSightingsJoiningAPaperAtOnceBothCount() throws Exception {
        for (String s : List.of("lab", "news")) {
            jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES (?, 'rss', ?)", s,
                    "http://127.0.0.1/" + s));
        }
        ItemStore store = new ItemStore();
        Instant now = Instant.parse("2026-10-07T00:00:00Z");
        String id = "2610.07777";
        jdbi.inTransaction(h -> store.save(h, item("arxiv-rss", id), "research", "t", true, now));
        Item hf = new Item("hf", "hf:" + id, "https://huggingface.co/papers/" + id, "https://huggingface.co/papers/" + id,
                "A paper numbered " + id, "Blurb.", "Blurb.", List.of("Ada Lovelace"), id, null,
                Instant.parse("2026-10-06T00:00:00Z"), List.of(), new ItemDetails(null, List.of(), null, null, null, 0,
                        null, 143, 0, null, 0, null, List.of(), null));
        CountDownLatch aSaved = new CountDownLatch(1);
        Future<Boolean> a = pool.submit(() -> jdbi.inTransaction(h -> {
            boolean added = store.save(h, hf, "research", "t", true, now);
            aSaved.countDown();
            // commit only once the other save waits on this one's paper row
            awaitWaitingSession();
            return added;
        }));
        assertThat(aSaved.await(60, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> b = pool.submit(() -> jdbi.inTransaction(h -> store.save(h, post("lab", id), "research", "t",
                true, now)));
        assertThat(a.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(60, TimeUnit.SECONDS)).isTrue();
        jdbi.inTransaction(h -> store.save(h, post("news", id), "news", "t", false, now));

        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(count("SELECT mentions FROM papers")).isEqualTo(4);
        assertThat(count("SELECT upvotes FROM papers")).isEqualTo(143);
    }

    private static Item post(String source, String arxivId) {
        String url = "https://" + source + ".example.org/posts/" + arxivId;
        return new Item(source, source + ":" + arxivId, url, url, "Our paper " + arxivId, "A post about it.",
                "A post about it.", List.of("Comms Team"), arxivId, null, Instant.parse("2026-10-06T12:00:00Z"), List.of());
    }

    /** Waits until another session waits on a lock (deadline 30 s). */
    private void awaitWaitingSession() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (anotherSessionWaits()) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the second save never waited on the first");
    }

    /** Whether some session waits on a lock another holds (H2's session table names the blocker). */
    boolean anotherSessionWaits() {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")
                .mapTo(Integer.class).one()) > 0;
    }

    /**
     * Polls H2's session table until another session is inside its INSERT of the paper, waiting on
     * our uncommitted row (deadline 30 s). Jdbi runs this on the caller's own handle and session.
     */
    private void awaitBlockedSession() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            int blocked = jdbi.withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO papers%'")
                    .mapTo(Integer.class).one());
            if (blocked > 0) {
                return;
            }

            Thread.onSpinWait();
        }
        throw new AssertionError("the second transaction never waited on the first");
    }

    private int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
