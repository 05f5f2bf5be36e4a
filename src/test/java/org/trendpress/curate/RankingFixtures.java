package org.trendpress.curate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.trendpress.store.Database;

/** A fresh H2 database with sources, and helpers that insert papers, sightings and news items. */
final class RankingFixtures implements AutoCloseable {

    final Database db;
    final Jdbi jdbi;
    final Drafts drafts;

    RankingFixtures(Path dir) {
        db = Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
        jdbi = db.jdbi();
        drafts = new Drafts(jdbi, Clock.fixed(Instant.parse("2026-10-20T00:00:00Z"), ZoneOffset.UTC));
        source("arxiv", 1.0);
        source("hf", 1.0);
        source("lab", 1.0);
    }

    void source(String id, double weight) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sources (id, type, url, name, weight) VALUES (:id, 'rss', :u, :n, :w)")
                .bind("id", id).bind("u", "http://127.0.0.1/" + id).bind("n", "Source " + id).bind("w", weight).execute());
    }

    long paper(String title, String summary, String at, int mentions, int upvotes, int stars, String code) {
        return paper(title, summary, at, mentions, upvotes, stars, code, null, null);
    }

    long paper(String title, String summary, String at, int mentions, int upvotes, int stars, String code,
            String arxivId, String featuredIn) {
        OffsetDateTime t = OffsetDateTime.parse(at);
        String url = arxivId != null ? "https://arxiv.org/abs/" + arxivId : "https://papers.example.org/" + Math.abs(title.hashCode());
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO papers (arxiv_id, canonical_url, title, summary, mentions,"
                        + " upvotes, stars, code_url, first_seen_at, published_at, featured_in)"
                        + " VALUES (:a, :u, :t, :s, :m, :up, :st, :c, :at, :at, :f)")
                .bind("a", arxivId).bind("u", url).bind("t", title).bind("s", summary).bind("m", mentions)
                .bind("up", upvotes).bind("st", stars).bind("c", code).bind("at", t).bind("f", featuredIn)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** A sighting of a paper at a source (kind research). */
    long sighting(long paperId, String source) {
        return item(source, "sighting-" + paperId + "-" + source, "Sighting " + paperId, null, "2026-10-05T00:00:00Z",
                "research", paperId);
    }

    long news(String source, String title, String summary, String at) {
        return item(source, source + "-" + Math.abs(title.hashCode()), title, summary, at, "news", null);
    }

    long item(String source, String guid, String title, String summary, String at, String kind, Long paperId) {
        OffsetDateTime t = OffsetDateTime.parse(at);
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO items (source_id, guid, guid_hash, url, title, summary_text,"
                        + " published_at, first_seen_at, kind, paper_id) VALUES (:s, :g, :g, :u, :t, :sum, :at, :at, :k, :p)")
                .bind("s", source).bind("g", guid).bind("u", "https://" + source + ".example.org/" + guid)
                .bind("t", title).bind("sum", summary).bind("at", t).bind("k", kind).bind("p", paperId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    void topic(long paperId, String topic, double confidence) {
        jdbi.useHandle(h -> h.execute("INSERT INTO paper_topics (paper_id, topic, confidence, source) VALUES (?, ?, ?, 'model')",
                paperId, topic, confidence));
    }

    @Override
    public void close() {
        db.close();
    }
}
