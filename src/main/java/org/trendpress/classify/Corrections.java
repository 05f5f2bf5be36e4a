package org.trendpress.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Editors' corrections (table {@code corrections}) as training examples. The newest correction per
 * (item, kind) and per (paper, topics) wins. Each is repeated {@link #REPEAT} times in training so
 * that one editor's word outweighs a handful of weakly labelled look-alikes.
 */
public final class Corrections {

    /** How many copies of a correction the trainer sees. */
    public static final int REPEAT = 5;

    private final Jdbi jdbi;

    public Corrections(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every winning correction, as examples (REPEAT copies each), sorted by id. */
    public List<LabeledExample> examples() {
        return jdbi.withHandle(h -> {
            List<LabeledExample> out = new ArrayList<>();
            h.createQuery("SELECT c.item_id, c.new_value, i.title, i.summary_text, i.arxiv_id, i.doi, i.url, i.authors"
                            + " FROM corrections c JOIN items i ON i.id = c.item_id"
                            + " WHERE c.target = 'kind' AND c.id = (SELECT MAX(c2.id) FROM corrections c2"
                            + " WHERE c2.item_id = c.item_id AND c2.target = 'kind' AND c2.created_at = (SELECT MAX(c3.created_at)"
                            + " FROM corrections c3 WHERE c3.item_id = c.item_id AND c3.target = 'kind'))"
                            + " ORDER BY c.item_id")
                    .map((rs, ctx) -> {
                        Kind kind;
                        try {
                            kind = Kind.of(rs.getString("new_value").strip());
                        } catch (IllegalArgumentException e) {
                            return null;
                        }
                        String url = rs.getString("url");
                        ItemFeatures f = new ItemFeatures(rs.getString("title"), rs.getString("summary_text"),
                                rs.getString("arxiv_id"), rs.getString("doi"), url == null ? List.of() : List.of(url),
                                authors(rs.getString("authors")), "mixed", List.of());
                        return new LabeledExample("correction:item:" + rs.getLong("item_id"), "correction", f, kind, null);
                    })
                    .list().stream().filter(e -> e != null).forEach(e -> repeat(out, e));
            h.createQuery("SELECT c.paper_id, c.new_value, p.title, p.summary, p.arxiv_id, p.doi, p.canonical_url, p.authors"
                            + " FROM corrections c JOIN papers p ON p.id = c.paper_id"
                            + " WHERE c.target = 'topics' AND c.id = (SELECT MAX(c2.id) FROM corrections c2"
                            + " WHERE c2.paper_id = c.paper_id AND c2.target = 'topics' AND c2.created_at = (SELECT MAX(c3.created_at)"
                            + " FROM corrections c3 WHERE c3.paper_id = c.paper_id AND c3.target = 'topics'))"
                            + " ORDER BY c.paper_id")
                    .map((rs, ctx) -> {
                        Set<Topic> topics = EnumSet.noneOf(Topic.class);
                        Arrays.stream(rs.getString("new_value").split(",")).map(Topic::fromCode)
                                .forEach(t -> t.ifPresent(topics::add));
                        if (topics.isEmpty()) {
                            return null;
                        }
                        String url = rs.getString("canonical_url");
                        ItemFeatures f = new ItemFeatures(rs.getString("title"), rs.getString("summary"),
                                rs.getString("arxiv_id"), rs.getString("doi"), url == null ? List.of() : List.of(url),
                                authors(rs.getString("authors")), "mixed", List.of());
                        return new LabeledExample("correction:paper:" + rs.getLong("paper_id"), "correction", f, null,
                                Set.copyOf(topics));
                    })
                    .list().stream().filter(e -> e != null).forEach(e -> repeat(out, e));
            out.sort(java.util.Comparator.comparing(LabeledExample::id));
            return out;
        });
    }

    private static void repeat(List<LabeledExample> out, LabeledExample e) {
        for (int i = 0; i < REPEAT; i++) {
            out.add(new LabeledExample(e.id() + "#" + i, e.origin(), e.features(), e.kind(), e.topics()));
        }
    }

    private static int authors(String s) {
        return s == null || s.isBlank() ? 0 : s.split(",").length;
    }
}
