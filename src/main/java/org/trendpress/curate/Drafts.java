package org.trendpress.curate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.DatasetDetector;
import org.trendpress.classify.Kind;
import org.trendpress.classify.Topic;

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
            Ranking.Counts n = Ranking.refresh(h, draft, now);
            h.createUpdate("UPDATE drafts SET updated_at=:now WHERE id=:id").bind("now", utc(now))
                    .bind("id", draft.id()).execute();
            LOG.info("curate.candidates.refreshed month={} research={} news={} events={}", draft.month(), n.research(),
                    n.news(), n.events());
        });
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
        return jdbi.withHandle(h -> {
            Map<Long, List<String>> topics = Ranking.topics(h.createQuery("SELECT pt.paper_id, pt.topic, pt.confidence,"
                            + " pt.source FROM paper_topics pt JOIN candidates c ON c.paper_id = pt.paper_id"
                            + " WHERE c.draft_id = :d")
                    .bind("d", draftId)
                    .map((rs, ctx) -> new Ranking.TopicRow(rs.getLong("paper_id"), rs.getString("topic"),
                            rs.getDouble("confidence"), rs.getString("source")))
                    .list());
            Map<Long, List<Candidate.Story>> stories = new HashMap<>();
            h.createQuery("SELECT cs.candidate_id, i.id, i.title, i.url, COALESCE(src.name, src.id) AS source"
                            + " FROM candidate_stories cs JOIN candidates c ON c.id = cs.candidate_id"
                            + " JOIN items i ON i.id = cs.item_id JOIN sources src ON src.id = i.source_id"
                            + " WHERE c.draft_id = :d ORDER BY i.published_at, i.id")
                    .bind("d", draftId)
                    .map((rs, ctx) -> Map.entry(rs.getLong("candidate_id"), new Candidate.Story(rs.getLong("id"),
                            rs.getString("title"), rs.getString("url"), rs.getString("source"))))
                    .forEach(e -> stories.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            Map<Long, List<Candidate.Related>> related = new HashMap<>();
            h.createQuery("SELECT rw.candidate_id, p.id, p.title, p.canonical_url, rw.added_by FROM related_works rw"
                            + " JOIN candidates c ON c.id = rw.candidate_id JOIN papers p ON p.id = rw.paper_id"
                            + " WHERE c.draft_id = :d ORDER BY rw.position, p.id")
                    .bind("d", draftId)
                    .map((rs, ctx) -> Map.entry(rs.getLong("candidate_id"), new Candidate.Related(rs.getLong("id"),
                            rs.getString("title"), rs.getString("canonical_url"), rs.getString("added_by"))))
                    .forEach(e -> related.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return h.createQuery("SELECT c.id, c.draft_id, c.kind, c.paper_id, c.item_id, c.score, c.reasons,"
                        + " c.dataset_reason, c.tldr, COALESCE(src.name, src.id) AS source,"
                        + " COALESCE(p.title, i.title) AS title,"
                        + " COALESCE(p.canonical_url, i.url) AS url,"
                        + " COALESCE(p.authors, i.authors) AS authors,"
                        + " COALESCE(p.summary, i.summary_text) AS summary,"
                        + " p.code_url, p.project_url,"
                        + " COALESCE(p.published_at, i.published_at) AS published_at,"
                        + " s.id AS selection_id, s.slot, s.position, s.headline, s.why, s.key_insights"
                        + " FROM candidates c LEFT JOIN papers p ON p.id = c.paper_id LEFT JOIN items i ON i.id = c.item_id"
                        + " LEFT JOIN sources src ON src.id = i.source_id"
                        + " LEFT JOIN selections s ON s.candidate_id = c.id"
                        + " WHERE c.draft_id = :d"
                        + " ORDER BY CASE WHEN s.id IS NULL THEN 1 ELSE 0 END, s.slot, s.position, c.score DESC, c.id")
                .bind("d", draftId)
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    Long paperId = rs.getObject("paper_id", Long.class);
                    return new Candidate(id, rs.getLong("draft_id"), rs.getString("kind"), paperId,
                            rs.getObject("item_id", Long.class), rs.getString("title"), rs.getString("url"),
                            rs.getString("authors"), rs.getString("summary"), rs.getString("code_url"),
                            rs.getString("project_url"), rs.getObject("published_at", OffsetDateTime.class).toInstant(),
                            rs.getDouble("score"), rs.getString("reasons"), rs.getObject("selection_id", Long.class),
                            rs.getString("slot"), rs.getObject("position", Integer.class), rs.getString("headline"),
                            rs.getString("why"), rs.getString("key_insights"), rs.getString("dataset_reason"),
                            rs.getString("tldr"), paperId == null ? rs.getString("source") : null,
                            paperId == null ? List.of() : topics.getOrDefault(paperId, List.of()),
                            stories.getOrDefault(id, List.of()), related.getOrDefault(id, List.of()));
                })
                .list();
        });
    }

    /** One candidate of the draft. */
    public Candidate candidate(long draftId, long candidateId) {
        return candidates(draftId).stream().filter(c -> c.id() == candidateId).findFirst()
                .orElseThrow(() -> new CurateException("candidate " + candidateId + " is not in this draft"));
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
        Candidate c = candidate(draftId, candidateId);
        if (s.equals("datasets") && (c.why() == null || c.why().isBlank())) {
            // the proposed TL;DR, which the editor can edit like any note
            String tldr = c.tldr() != null ? c.tldr() : DatasetDetector.tldr(c.title(), c.summary());
            jdbi.useHandle(h -> h.createUpdate("UPDATE selections SET why=:w WHERE candidate_id=:c AND why IS NULL")
                    .bind("w", tldr).bind("c", candidateId).execute());
        }
        if (s.equals("research") && c.paperId() != null) {
            RelatedPicks.suggest(jdbi, get(draftId), c);
        }
    }

    public void unselect(long draftId, long candidateId) {
        requireOpen(draftId);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM related_works WHERE candidate_id=:c AND candidate_id IN"
                    + " (SELECT id FROM candidates WHERE draft_id=:d)").bind("d", draftId).bind("c", candidateId).execute();
            h.createUpdate("DELETE FROM selections WHERE draft_id=:d AND candidate_id=:c")
                    .bind("d", draftId).bind("c", candidateId).execute();
        });
    }

    /** Adds a related work under a selected research paper: a known paper's arXiv id or URL. */
    public void addRelated(long draftId, long candidateId, String ref, String editor) {
        requireOpen(draftId);
        RelatedPicks.add(jdbi, candidate(draftId, candidateId), ref, editor);
    }

    /** Removes a related work from under a selected research paper. */
    public void removeRelated(long draftId, long candidateId, long paperId) {
        requireOpen(draftId);
        Candidate c = candidate(draftId, candidateId);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM related_works WHERE candidate_id=:c AND paper_id=:p")
                .bind("c", c.id()).bind("p", paperId).execute());
    }

    /**
     * An editor corrects the kind (news, research or other) of a candidate's items: a paper's
     * sightings, or a news event's stories. Stored in corrections, applied at once, and the draft's
     * candidates are refreshed (a paper corrected away from research, or a story away from news,
     * leaves the candidates unless selected).
     */
    public void correctKind(long draftId, long candidateId, String kind, String editor) {
        Kind k = Corrections.kind(kind);
        Draft d = requireNotPublished(draftId);
        Candidate c = candidate(draftId, candidateId);
        int n = jdbi.inTransaction(h -> Corrections.applyKind(h, c.id(), c.paperId(), c.itemId(), k, editor,
                clock.instant()));
        LOG.info("curate.correction.saved target=kind candidate={} value={} items={} editor={}", candidateId, k.code(), n,
                editor);
        refreshCandidates(d);
    }

    /** An editor sets a paper's topics (codes of classify.Topic); they replace the model's. */
    public void correctTopics(long draftId, long candidateId, List<String> topicCodes, String editor) {
        List<Topic> topics = Corrections.topics(topicCodes);
        Draft d = requireNotPublished(draftId);
        Candidate c = candidate(draftId, candidateId);
        if (c.paperId() == null) {
            throw new CurateException("only a paper has topics; candidate " + candidateId + " is a news story");
        }
        jdbi.useTransaction(h -> Corrections.applyTopics(h, c.paperId(), topics, editor, clock.instant()));
        LOG.info("curate.correction.saved target=topics candidate={} paper={} value={} editor={}", candidateId,
                c.paperId(), topics.stream().map(Topic::code).toList(), editor);
        refreshCandidates(d);
    }

    private Draft requireNotPublished(long draftId) {
        Draft d = get(draftId);
        if ("published".equals(d.state())) {
            throw new CurateException("draft " + d.month() + " is published; corrections apply to open drafts");
        }
        return d;
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
                boolean dataset = c.datasetSuggested();
                if (dataset && datasets < datasetCount) {
                    select(draftId, c.id(), "datasets");
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
