package org.trendpress.curate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.store.Database;

/** Drafts never propose a work already featured in another month's issue, nor a re-announcement. */
class DraftsFeaturedTest {

    @TempDir
    Path dir;
    Database db;
    Jdbi jdbi;
    Drafts drafts;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
        jdbi = db.jdbi();
        drafts = new Drafts(jdbi, Clock.fixed(Instant.parse("2026-10-20T00:00:00Z"), ZoneOffset.UTC));
        jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES ('s', 'rss', 'http://127.0.0.1/s')"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long paper(String title, String featuredIn) {
        OffsetDateTime at = OffsetDateTime.parse("2026-10-05T00:00:00Z");
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO papers (canonical_url, title, first_seen_at, published_at,"
                        + " featured_in, comments) VALUES (:u, :t, :at, :at, :f, 4)")
                .bind("u", "https://lab.example.org/" + title.hashCode()).bind("t", title).bind("at", at)
                .bind("f", featuredIn).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private long news(String guid, Long paperId, Long repeatOf, String featuredIn) {
        OffsetDateTime at = OffsetDateTime.parse("2026-10-06T00:00:00Z");
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO items (source_id, guid, guid_hash, title, published_at,"
                        + " first_seen_at, kind, paper_id, repeat_of, featured_in) VALUES ('s', :g, :g, :g, :at, :at,"
                        + " 'news', :p, :r, :f)")
                .bind("g", guid).bind("at", at).bind("p", paperId).bind("r", repeatOf).bind("f", featuredIn)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Test
    void featuredPapersTheirCoverageFeaturedItemsAndRepeatsAreNotProposed() {
        long featured = paper("Featured in September", "2026-09");
        long fresh = paper("Not featured yet", null);
        long coverage = news("coverage-of-featured", featured, null, null);
        long first = news("first-announcement", null, null, null);
        long repeat = news("re-announcement", null, first, null);
        long shown = news("shown-in-september", null, null, "2026-09");

        Draft d = drafts.open(YearMonth.of(2026, 10));
        List<Candidate> cs = drafts.candidates(d.id());
        assertThat(cs).extracting(Candidate::paperId).containsOnly(fresh, null);
        assertThat(cs).extracting(Candidate::itemId).containsOnly(first, null).doesNotContain(coverage, repeat, shown);
        assertThat(cs).hasSize(2);
        assertThat(cs.stream().filter(c -> c.paperId() != null).findFirst().orElseThrow().reasons()).contains("4 comments");

        // a later issue features the fresh paper: a refresh of this still-open draft drops it
        jdbi.useHandle(h -> h.execute("UPDATE papers SET featured_in = '2026-11' WHERE id = ?", fresh));
        drafts.open(YearMonth.of(2026, 10));
        assertThat(drafts.candidates(d.id())).extracting(Candidate::paperId).containsOnly((Long) null);
    }
}
