package org.trendpress.ingest;

import org.trendpress.store.Database;
import org.trendpress.testing.PostgresSchema;

/** Every {@link MergeConcurrencyTest} case again on PostgreSQL (a throw-away schema on the loopback server). */
class PostgresMergeConcurrencyTest extends MergeConcurrencyTest {

    private PostgresSchema pg;

    @Override
    Database openDatabase() {
        pg = new PostgresSchema();
        return pg.database();
    }

    /**
     * On PostgreSQL the forced interleaving of the H2 case cannot be observed the same way (the
     * waiting session was never seen in pg_stat_activity here), so this case runs the two saves of
     * one new arXiv id truly at once, many times, and checks the outcome the H2 case pins: one
     * paper, seen by both sources.
     */
    @Override
    @org.junit.jupiter.api.Test
    void theTransactionThatLosesTheInsertRaceJoinsTheWinnersPaper() throws Exception {
        ItemStore store = new ItemStore();
        java.time.Instant now = java.time.Instant.parse("2026-10-07T00:00:00Z");
        for (int round = 0; round < 20; round++) {
            String id = String.format("2610.%05d", 50_000 + round);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.List<java.util.concurrent.Future<Boolean>> saves = new java.util.ArrayList<>();
            for (String source : java.util.List.of("arxiv-rss", "hf")) {
                saves.add(pool.submit(() -> {
                    start.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    return jdbi.inTransaction(h -> store.save(h, item(source, id), "research", "t", true, now));
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : saves) {
                org.assertj.core.api.Assertions.assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            int papers = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM papers WHERE arxiv_id = :a")
                    .bind("a", id).mapTo(Integer.class).one());
            int mentions = jdbi.withHandle(h -> h.createQuery("SELECT mentions FROM papers WHERE arxiv_id = :a")
                    .bind("a", id).mapTo(Integer.class).one());
            org.assertj.core.api.Assertions.assertThat(papers).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(mentions).isEqualTo(2);
        }
    }

    @Override
    boolean anotherSessionWaits() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    void closeDatabase() {
        pg.close();
    }
}
