package org.trendpress.curate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.DatasetDetector;
import org.trendpress.classify.NewsEvents;

/**
 * Refreshes a draft's candidates: ranks the window's papers ({@link Scoring#research}, then the
 * topic-diversity re-rank), flags those that introduce a dataset or benchmark, groups the
 * window's news stories into events ({@link NewsEvents}) and ranks the events. Candidate ids stay
 * stable across refreshes; a candidate that no longer qualifies (featured elsewhere, a repeat,
 * corrected away by an editor) is dropped unless it is selected.
 */
final class Ranking {

    private static final Logger LOG = LoggerFactory.getLogger(Ranking.class);

    private Ranking() {}

    record Counts(int research, int news, int events) {}

    static Counts refresh(Handle h, Draft draft, Instant now) {
        Scoring.Window window = new Scoring.Window(draft.windowStart(), draft.windowEnd(), now);
        Set<Long> kept = new HashSet<>();
        int research = refreshResearch(h, draft, window, kept);
        int[] news = refreshNews(h, draft, window, kept);
        List<Long> stale = h.createQuery("SELECT c.id FROM candidates c WHERE c.draft_id=:d"
                        + " AND NOT EXISTS (SELECT 1 FROM selections s WHERE s.candidate_id = c.id)")
                .bind("d", draft.id()).mapTo(Long.class).list().stream().filter(id -> !kept.contains(id)).toList();
        delete(h, stale);
        return new Counts(research, news[0], news[1]);
    }

    private record PaperRow(long id, String title, String summary, String comment, int mentions, int upvotes,
            int stars, int comments, String codeUrl, Instant publishedAt, double weight) {}

    private static int refreshResearch(Handle h, Draft draft, Scoring.Window window, Set<Long> kept) {
        // papers published in the window, not featured in another issue, not all noise ('other'),
        // and not corrected away from research by an editor (the newest kind correction wins)
        List<PaperRow> papers = h.createQuery("SELECT p.id, p.title, p.summary, p.arxiv_comment, p.mentions, p.upvotes,"
                        + " p.stars, p.comments, p.code_url, p.published_at,"
                        + " (SELECT MAX(s.weight) FROM items i JOIN sources s ON s.id = i.source_id"
                        + " WHERE i.paper_id = p.id) AS weight"
                        + " FROM papers p WHERE (p.featured_in IS NULL OR p.featured_in = :m)"
                        + " AND p.published_at >= :s AND p.published_at < :e"
                        + " AND NOT (EXISTS (SELECT 1 FROM items i WHERE i.paper_id = p.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM items i WHERE i.paper_id = p.id AND i.kind <> 'other'))"
                        + " AND NOT EXISTS (SELECT 1 FROM corrections k WHERE k.paper_id = p.id AND k.target = 'kind'"
                        + " AND k.new_value <> 'research' AND k.id = (SELECT MAX(k2.id) FROM corrections k2"
                        + " WHERE k2.paper_id = p.id AND k2.target = 'kind'))")
                .bind("s", Drafts.utc(draft.windowStart())).bind("e", Drafts.utc(draft.windowEnd()))
                .bind("m", draft.month())
                .map((rs, ctx) -> new PaperRow(rs.getLong("id"), rs.getString("title"), rs.getString("summary"),
                        rs.getString("arxiv_comment"), rs.getInt("mentions"), rs.getInt("upvotes"), rs.getInt("stars"),
                        rs.getInt("comments"), rs.getString("code_url"),
                        rs.getObject("published_at", OffsetDateTime.class).toInstant(), rs.getDouble("weight")))
                .list();
        Map<Long, List<String>> topics = topicsInWindow(h, draft);
        Map<Long, PaperRow> byId = new HashMap<>();
        List<Scoring.Ranked<Long>> ranked = new ArrayList<>();
        for (PaperRow p : papers) {
            byId.put(p.id(), p);
            List<String> t = topics.getOrDefault(p.id(), List.of());
            String main = t.isEmpty() ? null : t.get(0);
            Score base = Scoring.research(new Scoring.Signals(p.mentions(), p.upvotes(), p.stars(), p.comments(),
                    p.codeUrl() != null && !p.codeUrl().isBlank(), p.publishedAt(), p.weight(), main), window);
            ranked.add(new Scoring.Ranked<>(p.id(), base, main));
        }
        for (Scoring.Ranked<Long> r : Scoring.diversify(ranked)) {
            PaperRow p = byId.get(r.key());
            Optional<String> dataset = DatasetDetector.detect(p.title(), p.summary(), p.comment());
            String reasons = dataset.isPresent() ? r.score().reasons() + " · " + dataset.get() : r.score().reasons();
            String tldr = dataset.isPresent() ? DatasetDetector.tldr(p.title(), p.summary()) : null;
            kept.add(upsertResearch(h, draft.id(), p.id(), new Score(r.score().value(), cap(reasons, 1000)),
                    dataset.orElse(null), tldr == null ? null : cap(tldr, 1000)));
        }
        return papers.size();
    }

    /** Topic codes per paper published in the draft's window: editor's first, then by confidence. */
    static Map<Long, List<String>> topicsInWindow(Handle h, Draft draft) {
        return topics(h.createQuery("SELECT pt.paper_id, pt.topic, pt.confidence, pt.source FROM paper_topics pt"
                        + " JOIN papers p ON p.id = pt.paper_id WHERE p.published_at >= :s AND p.published_at < :e")
                .bind("s", Drafts.utc(draft.windowStart())).bind("e", Drafts.utc(draft.windowEnd()))
                .map((rs, ctx) -> new TopicRow(rs.getLong("paper_id"), rs.getString("topic"), rs.getDouble("confidence"),
                        rs.getString("source")))
                .list());
    }

    record TopicRow(long paperId, String topic, double confidence, String source) {}

    static Map<Long, List<String>> topics(List<TopicRow> rows) {
        Map<Long, List<TopicRow>> by = new HashMap<>();
        rows.forEach(r -> by.computeIfAbsent(r.paperId(), k -> new ArrayList<>()).add(r));
        Map<Long, List<String>> out = new HashMap<>();
        Comparator<TopicRow> order = Comparator.comparing((TopicRow r) -> "editor".equals(r.source()) ? 0 : 1)
                .thenComparing(TopicRow::confidence, Comparator.reverseOrder()).thenComparing(TopicRow::topic);
        by.forEach((id, list) -> out.put(id, list.stream().sorted(order).map(TopicRow::topic).toList()));
        return out;
    }

    private static long upsertResearch(Handle h, long draftId, long paperId, Score s, String datasetReason, String tldr) {
        Optional<Long> existing = h.createQuery("SELECT id FROM candidates WHERE draft_id=:d AND paper_id=:p")
                .bind("d", draftId).bind("p", paperId).mapTo(Long.class).findOne();
        if (existing.isPresent()) {
            h.createUpdate("UPDATE candidates SET score=:score, reasons=:reasons, dataset_reason=:ds, tldr=:tldr"
                            + " WHERE id=:id")
                    .bind("score", s.value()).bind("reasons", s.reasons()).bind("ds", datasetReason).bind("tldr", tldr)
                    .bind("id", existing.get()).execute();
            return existing.get();
        }
        return h.createUpdate("INSERT INTO candidates (draft_id, kind, paper_id, score, reasons, dataset_reason, tldr)"
                        + " VALUES (:d, 'research', :p, :score, :reasons, :ds, :tldr)")
                .bind("d", draftId).bind("p", paperId).bind("score", s.value()).bind("reasons", s.reasons())
                .bind("ds", datasetReason).bind("tldr", tldr)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private record NewsRow(long id, String title, String summary, Instant publishedAt, String sourceId, double weight) {}

    private record Existing(long id, Long itemId, boolean selected) {}

    private static int[] refreshNews(Handle h, Draft draft, Scoring.Window window, Set<Long> kept) {
        // news: first announcements only, neither they nor their paper featured in another issue
        List<NewsRow> rows = h.createQuery("SELECT i.id, i.title, i.summary_text, i.published_at, i.source_id, s.weight"
                        + " FROM items i JOIN sources s ON s.id = i.source_id WHERE i.kind = 'news' AND i.repeat_of IS NULL"
                        + " AND (i.featured_in IS NULL OR i.featured_in = :m)"
                        + " AND NOT EXISTS (SELECT 1 FROM papers p WHERE p.id = i.paper_id"
                        + " AND p.featured_in IS NOT NULL AND p.featured_in <> :m)"
                        + " AND i.published_at >= :s AND i.published_at < :e ORDER BY i.published_at, i.id")
                .bind("s", Drafts.utc(draft.windowStart())).bind("e", Drafts.utc(draft.windowEnd()))
                .bind("m", draft.month())
                .map((rs, ctx) -> new NewsRow(rs.getLong("id"), rs.getString("title"), rs.getString("summary_text"),
                        rs.getObject("published_at", OffsetDateTime.class).toInstant(), rs.getString("source_id"),
                        rs.getDouble("weight")))
                .list();
        Map<Long, NewsRow> byId = new HashMap<>();
        List<NewsEvents.Story> stories = new ArrayList<>();
        for (NewsRow r : rows) {
            byId.put(r.id(), r);
            stories.add(new NewsEvents.Story(r.id(), r.title(), r.summary(), r.publishedAt()));
        }
        Map<Long, Existing> existing = new HashMap<>();
        Map<Long, Set<Long>> candidatesOfItem = new HashMap<>();
        h.createQuery("SELECT c.id, c.item_id, (SELECT COUNT(*) FROM selections s WHERE s.candidate_id = c.id) AS sel"
                        + " FROM candidates c WHERE c.draft_id=:d AND c.kind='news'")
                .bind("d", draft.id())
                .map((rs, ctx) -> new Existing(rs.getLong("id"), rs.getObject("item_id", Long.class), rs.getInt("sel") > 0))
                .forEach(e -> {
                    existing.put(e.id(), e);
                    if (e.itemId() != null) {
                        candidatesOfItem.computeIfAbsent(e.itemId(), k -> new LinkedHashSet<>()).add(e.id());
                    }
                });
        h.createQuery("SELECT cs.candidate_id, cs.item_id FROM candidate_stories cs JOIN candidates c"
                        + " ON c.id = cs.candidate_id WHERE c.draft_id=:d")
                .bind("d", draft.id())
                .map((rs, ctx) -> new long[] {rs.getLong("candidate_id"), rs.getLong("item_id")})
                .forEach(p -> candidatesOfItem.computeIfAbsent(p[1], k -> new LinkedHashSet<>()).add(p[0]));
        Set<Long> leadsHeld = new HashSet<>();
        existing.values().forEach(e -> {
            if (e.itemId() != null) {
                leadsHeld.add(e.itemId());
            }
        });

        List<List<NewsEvents.Story>> events = NewsEvents.group(stories);
        for (List<NewsEvents.Story> event : events) {
            List<NewsRow> members = event.stream().map(s -> byId.get(s.id())).toList();
            // the lead: the most trusted source, then the first report
            NewsRow lead = members.stream().min(Comparator.comparingDouble((NewsRow r) -> -weightOf(r.weight()))
                    .thenComparing(NewsRow::publishedAt).thenComparingLong(NewsRow::id)).orElseThrow();
            int outlets = (int) members.stream().map(NewsRow::sourceId).distinct().count();
            double weight = members.stream().mapToDouble(r -> weightOf(r.weight())).max().orElse(1.0);
            Score score = Scoring.news(weight, outlets, lead.publishedAt(), window);

            List<Existing> mine = members.stream()
                    .flatMap(m -> candidatesOfItem.getOrDefault(m.id(), Set.of()).stream())
                    .distinct().map(existing::get).filter(e -> e != null && !kept.contains(e.id()))
                    .sorted(Comparator.comparing((Existing e) -> e.selected() ? 0 : 1).thenComparingLong(Existing::id))
                    .toList();
            long candidateId;
            Long leadItem;
            if (mine.isEmpty()) {
                candidateId = h.createUpdate("INSERT INTO candidates (draft_id, kind, item_id, score, reasons)"
                                + " VALUES (:d, 'news', :i, :score, :reasons)")
                        .bind("d", draft.id()).bind("i", lead.id()).bind("score", score.value())
                        .bind("reasons", score.reasons()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                leadItem = lead.id();
                leadsHeld.add(lead.id());
            } else {
                Existing keep = mine.get(0);
                List<Long> merged = mine.stream().skip(1).filter(e -> !e.selected()).map(Existing::id).toList();
                delete(h, merged);
                merged.forEach(id -> {
                    Existing e = existing.remove(id);
                    if (e.itemId() != null) {
                        leadsHeld.remove(e.itemId());
                    }
                });
                candidateId = keep.id();
                leadItem = keep.itemId();
                if (!keep.selected() && !leadsHeld.contains(lead.id())) {
                    leadsHeld.remove(keep.itemId());
                    leadsHeld.add(lead.id());
                    leadItem = lead.id();
                }
                h.createUpdate("UPDATE candidates SET item_id=:i, score=:score, reasons=:reasons WHERE id=:id")
                        .bind("i", leadItem).bind("score", score.value()).bind("reasons", score.reasons())
                        .bind("id", candidateId).execute();
            }
            h.createUpdate("DELETE FROM candidate_stories WHERE candidate_id=:c").bind("c", candidateId).execute();
            for (NewsRow m : members) {
                if (leadItem == null || m.id() != leadItem) {
                    h.createUpdate("INSERT INTO candidate_stories (candidate_id, item_id) VALUES (:c, :i)")
                            .bind("c", candidateId).bind("i", m.id()).execute();
                }
            }
            kept.add(candidateId);
        }
        if (events.size() < rows.size()) {
            LOG.debug("curate.news.grouped month={} stories={} events={}", draft.month(), rows.size(), events.size());
        }
        return new int[] {rows.size(), events.size()};
    }

    private static double weightOf(double w) {
        return w > 0 ? w : 1.0;
    }

    /** Deletes unselected candidates with their stories and related works. */
    static void delete(Handle h, List<Long> ids) {
        for (Long id : ids) {
            h.createUpdate("DELETE FROM candidate_stories WHERE candidate_id=:c").bind("c", id).execute();
            h.createUpdate("DELETE FROM related_works WHERE candidate_id=:c").bind("c", id).execute();
            h.createUpdate("DELETE FROM candidates WHERE id=:c AND NOT EXISTS (SELECT 1 FROM selections s"
                    + " WHERE s.candidate_id = :c)").bind("c", id).execute();
        }
    }

    private static String cap(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
