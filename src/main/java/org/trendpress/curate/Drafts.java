package org.trendpress.curate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts and what editors do with them: open the month's draft with ranked candidates, select,
 * write texts, approve with a publish time, reopen. Draft states: open → approved → published;
 * an approved draft can go back to open until it is published.
 */
public final class Drafts {

    private static final Logger LOG = LoggerFactory.getLogger(Drafts.class);
    static final Set<String> SLOTS = Set.of("news", "research", "datasets");

    private final Jdbi jdbi;
    private final Clock clock;

    public Drafts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Opens (or refreshes) the draft of {@code month} ("yyyy-MM"), or of the current month when blank. */
    public Draft openMonth(String month) {
        if (month == null || month.isBlank()) {
            return openCurrent();
        }
        try {
            return open(YearMonth.parse(month.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new CurateException("month must look like 2026-10, not '" + month + "'");
        }
    }

    /** Opens (or refreshes) the draft of the month containing now. */
    public Draft openCurrent() {
        return open(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * Opens the draft for {@code month} if it does not exist, then refreshes its candidates from
     * the items and papers published in its window. Re-runnable; a published draft is left alone.
     */
    public Draft open(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            boolean exists = h.createQuery("SELECT 1 FROM drafts WHERE month=:m").bind("m", month.toString())
                    .mapTo(Integer.class).findOne().isPresent();
            if (!exists) {
                h.createUpdate("INSERT INTO drafts (month, window_start, window_end, state, created_at, updated_at)"
                                + " VALUES (:m, :s, :e, 'open', :now, :now)")
                        .bind("m", month.toString()).bind("s", utc(start)).bind("e", utc(end)).bind("now", utc(now))
                        .execute();
                LOG.info("curate.draft.opened month={}", month);
            }
        });
        Draft draft = byMonth(month.toString()).orElseThrow();
        if (!"published".equals(draft.state())) {
            refreshCandidates(draft);
        }
        return byMonth(month.toString()).orElseThrow();
    }

    private void refreshCandidates(Draft draft) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            String month = draft.month();
            // a work featured in another month's issue is never proposed again: drop what an earlier
            // refresh proposed and nobody selected, and re-announcements (items with repeat_of)
            h.createUpdate("DELETE FROM candidates WHERE draft_id=:d AND id NOT IN (SELECT candidate_id FROM selections)"
                            + " AND (paper_id IN (SELECT id FROM papers WHERE featured_in IS NOT NULL AND featured_in <> :m)"
                            + " OR item_id IN (SELECT id FROM items WHERE repeat_of IS NOT NULL"
                            + " OR (featured_in IS NOT NULL AND featured_in <> :m)"
                            + " OR paper_id IN (SELECT id FROM papers WHERE featured_in IS NOT NULL AND featured_in <> :m)))")
                    .bind("d", draft.id()).bind("m", month).execute();
            // research: papers published in the window, not featured in another issue
            List<PaperRow> papers = h.createQuery("SELECT p.id, p.mentions, p.upvotes, p.stars, p.comments, p.code_url,"
                            + " p.published_at, (SELECT MAX(s.weight) FROM items i JOIN sources s ON s.id = i.source_id"
                            + " WHERE i.paper_id = p.id) AS weight"
                            + " FROM papers p WHERE (p.featured_in IS NULL OR p.featured_in = :m)"
                            + " AND p.published_at >= :s AND p.published_at < :e")
                    .bind("s", utc(draft.windowStart())).bind("e", utc(draft.windowEnd())).bind("m", month)
                    .map((rs, ctx) -> new PaperRow(rs.getLong("id"), rs.getInt("mentions"), rs.getInt("upvotes"),
                            rs.getInt("stars"), rs.getInt("comments"), rs.getString("code_url"),
                            rs.getObject("published_at", OffsetDateTime.class).toInstant(), rs.getDouble("weight")))
                    .list();
            for (PaperRow p : papers) {
                Score score = Scoring.research(p.mentions(), p.upvotes(), p.stars(), p.comments(), p.codeUrl() != null,
                        p.publishedAt(), draft.windowStart(), draft.windowEnd(), p.weight());
                upsertCandidate(h, draft.id(), "research", p.id(), null, score);
            }
            // news: first announcements only, neither they nor their paper featured in another issue
            List<NewsRow> news = h.createQuery("SELECT i.id, i.published_at, s.weight FROM items i"
                            + " JOIN sources s ON s.id = i.source_id WHERE i.kind = 'news' AND i.repeat_of IS NULL"
                            + " AND (i.featured_in IS NULL OR i.featured_in = :m)"
                            + " AND NOT EXISTS (SELECT 1 FROM papers p WHERE p.id = i.paper_id"
                            + " AND p.featured_in IS NOT NULL AND p.featured_in <> :m)"
                            + " AND i.published_at >= :s AND i.published_at < :e")
                    .bind("s", utc(draft.windowStart())).bind("e", utc(draft.windowEnd())).bind("m", month)
                    .map((rs, ctx) -> new NewsRow(rs.getLong("id"),
                            rs.getObject("published_at", OffsetDateTime.class).toInstant(), rs.getDouble("weight")))
                    .list();
            for (NewsRow n : news) {
                Score score = Scoring.news(n.weight(), n.publishedAt(), draft.windowStart(), draft.windowEnd());
                upsertCandidate(h, draft.id(), "news", null, n.id(), score);
            }
            h.createUpdate("UPDATE drafts SET updated_at=:now WHERE id=:id").bind("now", utc(now))
                    .bind("id", draft.id()).execute();
            LOG.info("curate.candidates.refreshed month={} research={} news={}", draft.month(), papers.size(),
                    news.size());
        });
    }

    private record PaperRow(long id, int mentions, int upvotes, int stars, int comments, String codeUrl,
            Instant publishedAt, double weight) {}

    private record NewsRow(long id, Instant publishedAt, double weight) {}

    private static void upsertCandidate(Handle h, long draftId, String kind, Long paperId, Long itemId, Score s) {
        String col = paperId != null ? "paper_id" : "item_id";
        long ref = paperId != null ? paperId : itemId;
        int n = h.createUpdate("UPDATE candidates SET score=:score, reasons=:reasons WHERE draft_id=:d AND " + col + "=:ref")
                .bind("score", s.value()).bind("reasons", s.reasons()).bind("d", draftId).bind("ref", ref).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO candidates (draft_id, kind, paper_id, item_id, score, reasons)"
                            + " VALUES (:d, :kind, :paper, :item, :score, :reasons)")
                    .bind("d", draftId).bind("kind", kind).bind("paper", paperId).bind("item", itemId)
                    .bind("score", s.value()).bind("reasons", s.reasons()).execute();
        }
    }

    public Optional<Draft> byMonth(String month) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM drafts WHERE month=:m").bind("m", month)
                .map((rs, ctx) -> draft(rs)).findOne());
    }

    public Draft get(long draftId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM drafts WHERE id=:id").bind("id", draftId)
                        .map((rs, ctx) -> draft(rs)).findOne())
                .orElseThrow(() -> new CurateException("no draft with id " + draftId));
    }

    /** Every draft, newest month first. */
    public List<Draft> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM drafts ORDER BY month DESC")
                .map((rs, ctx) -> draft(rs)).list());
    }

    /** The draft's candidates, selected ones first in slot order, then by score. */
    public List<Candidate> candidates(long draftId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.id, c.draft_id, c.kind, c.paper_id, c.item_id, c.score, c.reasons,"
                        + " COALESCE(p.title, i.title) AS title,"
                        + " COALESCE(p.canonical_url, i.url) AS url,"
                        + " COALESCE(p.authors, i.authors) AS authors,"
                        + " COALESCE(p.summary, i.summary_text) AS summary,"
                        + " p.code_url, p.project_url,"
                        + " COALESCE(p.published_at, i.published_at) AS published_at,"
                        + " s.id AS selection_id, s.slot, s.position, s.headline, s.why, s.key_insights"
                        + " FROM candidates c LEFT JOIN papers p ON p.id = c.paper_id LEFT JOIN items i ON i.id = c.item_id"
                        + " LEFT JOIN selections s ON s.candidate_id = c.id"
                        + " WHERE c.draft_id = :d"
                        + " ORDER BY CASE WHEN s.id IS NULL THEN 1 ELSE 0 END, s.slot, s.position, c.score DESC, c.id")
                .bind("d", draftId)
                .map((rs, ctx) -> new Candidate(rs.getLong("id"), rs.getLong("draft_id"), rs.getString("kind"),
                        (Long) rs.getObject("paper_id", Long.class), (Long) rs.getObject("item_id", Long.class),
                        rs.getString("title"), rs.getString("url"), rs.getString("authors"), rs.getString("summary"),
                        rs.getString("code_url"), rs.getString("project_url"),
                        rs.getObject("published_at", OffsetDateTime.class).toInstant(), rs.getDouble("score"),
                        rs.getString("reasons"), (Long) rs.getObject("selection_id", Long.class), rs.getString("slot"),
                        (Integer) rs.getObject("position", Integer.class), rs.getString("headline"), rs.getString("why"),
                        rs.getString("key_insights")))
                .list());
    }

    /** Selects a candidate into a slot (news, research or datasets), at the end of that slot. */
    public void select(long draftId, long candidateId, String slot) {
        String s = slot == null ? "" : slot.toLowerCase(Locale.ROOT);
        if (!SLOTS.contains(s)) {
            throw new CurateException("slot must be one of news, research, datasets: " + slot);
        }
        requireOpen(draftId);
        jdbi.useTransaction(h -> {
            boolean ours = h.createQuery("SELECT 1 FROM candidates WHERE id=:c AND draft_id=:d")
                    .bind("c", candidateId).bind("d", draftId).mapTo(Integer.class).findOne().isPresent();
            if (!ours) {
                throw new CurateException("candidate " + candidateId + " is not in this draft");
            }
            int pos = h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM selections WHERE draft_id=:d AND slot=:s")
                    .bind("d", draftId).bind("s", s).mapTo(Integer.class).one();
            int updated = h.createUpdate("UPDATE selections SET slot=:s, position=:p, updated_at=:now"
                            + " WHERE candidate_id=:c AND slot <> :s")
                    .bind("s", s).bind("p", pos).bind("c", candidateId).bind("now", utc(clock.instant())).execute();
            boolean present = h.createQuery("SELECT 1 FROM selections WHERE candidate_id=:c").bind("c", candidateId)
                    .mapTo(Integer.class).findOne().isPresent();
            if (updated == 0 && !present) {
                h.createUpdate("INSERT INTO selections (draft_id, candidate_id, slot, position, updated_at)"
                                + " VALUES (:d, :c, :s, :p, :now)")
                        .bind("d", draftId).bind("c", candidateId).bind("s", s).bind("p", pos)
                        .bind("now", utc(clock.instant())).execute();
            }
        });
    }

    public void unselect(long draftId, long candidateId) {
        requireOpen(draftId);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM selections WHERE draft_id=:d AND candidate_id=:c")
                .bind("d", draftId).bind("c", candidateId).execute());
    }

    /** Writes a selection's notes: the headline (news), Why and Key insights (research), or TL;DR (datasets). */
    public void writeNotes(long draftId, long candidateId, String headline, String why, String keyInsights) {
        requireOpen(draftId);
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE selections SET headline=:h, why=:w, key_insights=:k,"
                        + " updated_at=:now WHERE draft_id=:d AND candidate_id=:c")
                .bind("h", Texts.clean(headline, 1000)).bind("w", Texts.clean(why, 20000))
                .bind("k", Texts.clean(keyInsights, 20000)).bind("now", utc(clock.instant()))
                .bind("d", draftId).bind("c", candidateId).execute());
        if (n == 0) {
            throw new CurateException("candidate " + candidateId + " is not selected in this draft");
        }
    }

    /** Writes the draft's one-line summary and intro. */
    public void writeIntro(long draftId, String summary, String intro) {
        requireOpen(draftId);
        jdbi.useHandle(h -> h.createUpdate("UPDATE drafts SET summary=:s, intro=:i, updated_at=:now WHERE id=:id")
                .bind("s", Texts.clean(summary, 1000)).bind("i", Texts.clean(intro, 20000))
                .bind("now", utc(clock.instant())).bind("id", draftId).execute());
    }

    /** Approves an open draft for publication at {@code publishAt}. */
    public Draft approve(long draftId, Instant publishAt, String editor) {
        Draft d = requireOpen(draftId);
        int research = countSelected(draftId, "research");
        int news = countSelected(draftId, "news");
        if (research + news == 0) {
            throw new CurateException("select at least one paper or news item before approving " + d.month());
        }
        if (d.summary() == null || d.summary().isBlank()) {
            throw new CurateException("write the one-line summary before approving " + d.month());
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE drafts SET state='approved', publish_at=:p, approved_by=:e,"
                        + " updated_at=:now WHERE id=:id AND state='open'")
                .bind("p", utc(publishAt)).bind("e", editor).bind("now", utc(clock.instant())).bind("id", draftId)
                .execute());
        LOG.info("curate.draft.approved month={} publish_at={} editor={}", d.month(), publishAt, editor);
        return get(draftId);
    }

    /** Sends an approved (not yet published) draft back to open. */
    public Draft reopen(long draftId) {
        Draft d = get(draftId);
        if (!"approved".equals(d.state())) {
            throw new CurateException("only an approved draft can be reopened; " + d.month() + " is " + d.state());
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE drafts SET state='open', publish_at=NULL, updated_at=:now"
                        + " WHERE id=:id AND state='approved'")
                .bind("now", utc(clock.instant())).bind("id", draftId).execute());
        return get(draftId);
    }

    /** Approved drafts whose publish time has come. */
    public List<Draft> due(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM drafts WHERE state='approved' AND publish_at <= :now"
                        + " ORDER BY publish_at")
                .bind("now", utc(now)).map((rs, ctx) -> draft(rs)).list());
    }

    /**
     * Stands in for an editor (the demo): selects the top news and research candidates, puts
     * papers that introduce a dataset or benchmark into that list, and drafts the texts from the
     * sources' own summaries.
     */
    public void autoSelect(long draftId, int newsCount, int researchCount, int datasetCount) {
        List<Candidate> all = candidates(draftId);
        int news = 0;
        int research = 0;
        int datasets = 0;
        for (Candidate c : all) {
            if (c.selected()) {
                continue;
            }
            if (c.kind().equals("news") && news < newsCount) {
                select(draftId, c.id(), "news");
                writeNotes(draftId, c.id(), c.title(), Texts.firstSentences(c.summary(), 2), null);
                news++;
            } else if (c.kind().equals("research")) {
                boolean dataset = Texts.introducesDataset(c.title() + " " + c.summary());
                if (dataset && datasets < datasetCount) {
                    select(draftId, c.id(), "datasets");
                    writeNotes(draftId, c.id(), null, Texts.firstSentences(c.summary(), 1), null);
                    datasets++;
                } else if (!dataset && research < researchCount) {
                    select(draftId, c.id(), "research");
                    writeNotes(draftId, c.id(), null, Texts.firstSentences(c.summary(), 1),
                            Texts.afterFirstSentences(c.summary(), 1));
                    research++;
                }
            }
        }
        Draft d = get(draftId);
        if (d.summary() == null || d.summary().isBlank()) {
            List<String> titles = candidates(draftId).stream().filter(c -> "research".equals(c.slot()))
                    .limit(3).map(Candidate::title).toList();
            writeIntro(draftId, "A monthly selection of news and research papers: " + String.join(", ", titles)
                            + (research > 3 ? ", and more." : "."),
                    "Here is our pick of the month's most notable AI news and research, ranked by how widely each"
                            + " was discussed across the sources we follow. Let's start with some news.");
        }
    }

    private int countSelected(long draftId, String slot) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM selections WHERE draft_id=:d AND slot=:s")
                .bind("d", draftId).bind("s", slot).mapTo(Integer.class).one());
    }

    private Draft requireOpen(long draftId) {
        Draft d = get(draftId);
        if (!d.isOpen()) {
            throw new CurateException("draft " + d.month() + " is " + d.state() + "; reopen it to edit");
        }
        return d;
    }

    private static Draft draft(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime publishAt = rs.getObject("publish_at", OffsetDateTime.class);
        return new Draft(rs.getLong("id"), rs.getString("month"),
                rs.getObject("window_start", OffsetDateTime.class).toInstant(),
                rs.getObject("window_end", OffsetDateTime.class).toInstant(), rs.getString("state"),
                rs.getString("summary"), rs.getString("intro"), publishAt == null ? null : publishAt.toInstant(),
                rs.getString("approved_by"));
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
