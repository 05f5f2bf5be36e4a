package org.trendpress.ingest;

import static org.trendpress.ingest.SourceStore.utc;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The database side of Items and Papers: each item stored once per (source, guid), and merged
 * into the Paper for its work.
 */
final class ItemStore {

    /**
     * Stores one item seen at a source and, for research or anything with a paper id, merges it
     * into its Paper. Returns whether the item was new.
     */
    boolean save(Handle h, Item item, String kind, String kindReason, boolean research, Instant seenAt) {
        Optional<Long> id = insertItem(h, item, kind, kindReason, seenAt);
        if (id.isEmpty()) {
            return false;
        }
        if (research || item.arxivId() != null || item.doi() != null) {
            mergeIntoPaper(h, id.get(), item, research, seenAt);
        }
        return true;
    }

    /** Stores the item unless this source already gave it; returns the new row id, or empty. */
    Optional<Long> insertItem(Handle h, Item item, String kind, String kindReason, Instant seenAt) {
        String guidHash = FeedParser.sha256(item.guid());
        boolean exists = h.createQuery("SELECT 1 FROM items WHERE source_id=:s AND guid_hash=:g")
                .bind("s", item.sourceId()).bind("g", guidHash).mapTo(Integer.class).findOne().isPresent();
        if (exists) {
            return Optional.empty();
        }
        Instant published = item.publishedAt() != null ? item.publishedAt() : seenAt;
        long id = h.createUpdate("INSERT INTO items (source_id, guid, guid_hash, url, canonical_url, title,"
                        + " summary_html, summary_text, authors, arxiv_id, doi, published_at, first_seen_at, kind, kind_reason)"
                        + " VALUES (:source, :guid, :hash, :url, :canon, :title, :html, :text, :authors, :arxiv, :doi,"
                        + " :published, :seen, :kind, :reason)")
                .bind("source", item.sourceId())
                .bind("guid", cut(item.guid(), 2000))
                .bind("hash", guidHash)
                .bind("url", cut(item.url(), 2000))
                .bind("canon", cut(item.canonicalUrl(), 2000))
                .bind("title", cut(item.title(), 1000))
                .bind("html", item.summaryHtml())
                .bind("text", item.summaryText())
                .bind("authors", cut(String.join(", ", item.authors()), 4000))
                .bind("arxiv", item.arxivId())
                .bind("doi", cut(item.doi(), 300))
                .bind("published", utc(published))
                .bind("seen", utc(seenAt))
                .bind("kind", kind)
                .bind("reason", cut(kindReason, 200))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return Optional.of(id);
    }

    /**
     * Links the item to its Paper, creating the paper on first sighting. Papers are found by arXiv
     * id, then DOI, then canonical URL; mentions count the distinct sources that saw the work.
     */
    long mergeIntoPaper(Handle h, long itemId, Item item, boolean research, Instant seenAt) {
        Optional<Long> found = Optional.empty();
        if (item.arxivId() != null) {
            found = h.createQuery("SELECT id FROM papers WHERE arxiv_id=:a").bind("a", item.arxivId())
                    .mapTo(Long.class).findOne();
        }
        if (found.isEmpty() && item.doi() != null) {
            found = h.createQuery("SELECT id FROM papers WHERE doi=:d").bind("d", item.doi())
                    .mapTo(Long.class).findOne();
        }
        if (found.isEmpty() && item.canonicalUrl() != null) {
            found = h.createQuery("SELECT id FROM papers WHERE canonical_url=:u").bind("u", item.canonicalUrl())
                    .mapTo(Long.class).findFirst();
        }
        Instant published = item.publishedAt() != null ? item.publishedAt() : seenAt;
        long paperId;
        if (found.isPresent()) {
            paperId = found.get();
            if (research) {
                // a research sighting (arXiv, lab post) carries better metadata than news coverage
                h.createUpdate("UPDATE papers SET authors = CASE WHEN authors IS NULL OR authors = '' THEN :authors"
                                + " ELSE authors END, doi = COALESCE(doi, :doi), arxiv_id = COALESCE(arxiv_id, :arxiv)"
                                + " WHERE id = :id")
                        .bind("authors", cut(String.join(", ", item.authors()), 4000))
                        .bind("doi", item.doi()).bind("arxiv", item.arxivId()).bind("id", paperId).execute();
            }
        } else {
            String canonical = item.arxivId() != null ? "https://arxiv.org/abs/" + item.arxivId()
                    : item.canonicalUrl() != null ? item.canonicalUrl() : item.guid();
            paperId = h.createUpdate("INSERT INTO papers (arxiv_id, doi, canonical_url, title, authors, summary,"
                            + " mentions, first_seen_at, published_at) VALUES (:arxiv, :doi, :canon, :title, :authors,"
                            + " :summary, 1, :seen, :published)")
                    .bind("arxiv", item.arxivId()).bind("doi", item.doi()).bind("canon", cut(canonical, 2000))
                    .bind("title", cut(item.title(), 1000))
                    .bind("authors", cut(String.join(", ", item.authors()), 4000))
                    .bind("summary", item.summaryText())
                    .bind("seen", utc(seenAt)).bind("published", utc(published))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }
        h.createUpdate("UPDATE items SET paper_id=:p WHERE id=:i").bind("p", paperId).bind("i", itemId).execute();
        String code = item.links().stream().filter(l -> l.matches("https?://(www\\.)?github\\.com/[^/]+/[^/#?]+.*"))
                .findFirst().orElse(null);
        h.createUpdate("UPDATE papers SET mentions = (SELECT COUNT(DISTINCT source_id) FROM items WHERE paper_id=:p),"
                        + " code_url = COALESCE(code_url, :code) WHERE id=:p")
                .bind("p", paperId).bind("code", code).execute();
        return paperId;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
