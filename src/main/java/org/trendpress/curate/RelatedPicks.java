package org.trendpress.curate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.classify.RelatedWorks;

/**
 * The related works under each selected research paper: suggested once when the paper is selected
 * (up to {@value #MAX} papers most like it among this month's candidates and the papers of earlier
 * issues), then the editor's to change.
 */
final class RelatedPicks {

    private static final Logger LOG = LoggerFactory.getLogger(RelatedPicks.class);
    static final int MAX = 3;
    private static final Pattern ARXIV = Pattern.compile(
            "^(?:arxiv:\\s*|https?://(?:www\\.)?arxiv\\.org/(?:abs|pdf)/)?(\\d{4}\\.\\d{4,5})(?:v\\d+)?(?:\\.pdf)?/?$",
            Pattern.CASE_INSENSITIVE);

    private RelatedPicks() {}

    /** Suggests related works for a newly selected research paper, unless already done for its selection. */
    static void suggest(Jdbi jdbi, Draft draft, Candidate c) {
        jdbi.useTransaction(h -> {
            int fresh = h.createUpdate("UPDATE selections SET related_suggested=TRUE WHERE candidate_id=:c"
                    + " AND related_suggested=FALSE").bind("c", c.id()).execute();
            if (fresh == 0) {
                return;
            }
            List<RelatedWorks.Work> corpus = h.createQuery("SELECT p.id, p.title, p.summary FROM papers p"
                            + " WHERE p.id IN (SELECT paper_id FROM candidates WHERE draft_id=:d AND paper_id IS NOT NULL)"
                            + " OR (p.featured_in IS NOT NULL AND p.featured_in < :m)")
                    .bind("d", draft.id()).bind("m", draft.month())
                    .map((rs, ctx) -> new RelatedWorks.Work(rs.getLong("id"), rs.getString("title"),
                            rs.getString("summary")))
                    .list();
            List<Long> similar = RelatedWorks.similar(new RelatedWorks.Work(c.paperId(), c.title(), c.summary()),
                    corpus, MAX);
            int pos = 1;
            for (Long paper : similar) {
                h.createUpdate("INSERT INTO related_works (candidate_id, paper_id, position) VALUES (:c, :p, :pos)")
                        .bind("c", c.id()).bind("p", paper).bind("pos", pos++).execute();
            }
            LOG.info("curate.related.suggested month={} paper={} related={}", draft.month(), c.paperId(), similar);
        });
    }

    /** Adds a known paper, named by arXiv id or URL, under a selected research paper. */
    static void add(Jdbi jdbi, Candidate c, String ref, String editor) {
        if (!"research".equals(c.slot()) || c.paperId() == null) {
            throw new CurateException("related works go under a paper selected for Research");
        }
        String r = ref == null ? "" : ref.strip();
        if (r.isEmpty() || r.length() > 2000) {
            throw new CurateException("give the related paper's arXiv id (2610.01234) or its URL");
        }
        jdbi.useTransaction(h -> {
            long paper = find(h, r).orElseThrow(() -> new CurateException(
                    "no known paper with arXiv id or URL '" + (r.length() > 80 ? r.substring(0, 80) + "…" : r) + "'"));
            if (paper == c.paperId()) {
                throw new CurateException("a paper is not related to itself");
            }
            List<Long> have = h.createQuery("SELECT paper_id FROM related_works WHERE candidate_id=:c")
                    .bind("c", c.id()).mapTo(Long.class).list();
            if (have.contains(paper)) {
                throw new CurateException("that paper is already listed as related");
            }
            if (have.size() >= MAX) {
                throw new CurateException("at most " + MAX + " related works; remove one first");
            }
            int pos = h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM related_works WHERE candidate_id=:c")
                    .bind("c", c.id()).mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO related_works (candidate_id, paper_id, position, added_by) VALUES (:c, :p, :pos, :e)")
                    .bind("c", c.id()).bind("p", paper).bind("pos", pos).bind("e", editor).execute();
        });
    }

    private static Optional<Long> find(Handle h, String ref) {
        Matcher m = ARXIV.matcher(ref);
        if (m.matches()) {
            return h.createQuery("SELECT id FROM papers WHERE arxiv_id=:a OR canonical_url=:u ORDER BY id")
                    .bind("a", m.group(1)).bind("u", "https://arxiv.org/abs/" + m.group(1))
                    .mapTo(Long.class).findFirst();
        }
        if (ref.startsWith("http://") || ref.startsWith("https://")) {
            return h.createQuery("SELECT id FROM papers WHERE canonical_url=:u ORDER BY id").bind("u", ref)
                    .mapTo(Long.class).findFirst();
        }
        return Optional.empty();
    }
}
