package org.trendpress.curate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.trendpress.classify.Kind;
import org.trendpress.classify.Topic;

/**
 * Editors' corrections of an item's kind and a paper's topics: validated first (nothing is stored
 * on bad input), recorded in {@code corrections} (for the next retraining) and applied at once.
 */
final class Corrections {

    private Corrections() {}

    static Kind kind(String value) {
        String v = value == null ? "" : value.strip();
        for (Kind k : Kind.values()) {
            if (k.code().equals(v)) {
                return k;
            }
        }
        throw new CurateException("kind must be news, research or other, not '" + shorten(v) + "'");
    }

    static List<Topic> topics(List<String> codes) {
        Set<Topic> out = new LinkedHashSet<>();
        for (String c : codes == null ? List.<String>of() : codes) {
            out.add(Topic.fromCode(c).orElseThrow(() -> new CurateException("unknown topic '" + shorten(c)
                    + "'; topics are " + java.util.Arrays.stream(Topic.values()).map(Topic::code)
                    .collect(Collectors.joining(", ")))));
        }
        if (out.isEmpty()) {
            throw new CurateException("choose at least one topic");
        }
        return new ArrayList<>(out);
    }

    /**
     * Sets the kind of the candidate's items: a paper's sightings, or a news event's lead and its
     * grouped stories. Returns how many items changed.
     */
    static int applyKind(Handle h, long candidateId, Long paperId, Long itemId, Kind kind, String editor, Instant now) {
        List<Long> items = new ArrayList<>();
        if (paperId != null) {
            items.addAll(h.createQuery("SELECT id FROM items WHERE paper_id=:p").bind("p", paperId).mapTo(Long.class).list());
        } else if (itemId != null) {
            items.add(itemId);
            items.addAll(h.createQuery("SELECT item_id FROM candidate_stories WHERE candidate_id=:c")
                    .bind("c", candidateId).mapTo(Long.class).list());
        }
        if (paperId != null && items.isEmpty()) {
            record(h, null, paperId, "kind", kind.code(), editor, now);
        }
        for (Long item : items) {
            record(h, item, paperId, "kind", kind.code(), editor, now);
            h.createUpdate("UPDATE items SET kind=:k, kind_confidence=1.0, kind_reason=:r WHERE id=:i")
                    .bind("k", kind.code()).bind("r", "corrected by " + shorten(editor)).bind("i", item).execute();
        }
        return items.size();
    }

    /** Replaces the paper's topics by the editor's (source 'editor', confidence 1). */
    static void applyTopics(Handle h, long paperId, List<Topic> topics, String editor, Instant now) {
        record(h, null, paperId, "topics", topics.stream().map(Topic::code).collect(Collectors.joining(",")), editor, now);
        h.createUpdate("DELETE FROM paper_topics WHERE paper_id=:p").bind("p", paperId).execute();
        for (Topic t : topics) {
            h.createUpdate("INSERT INTO paper_topics (paper_id, topic, confidence, source) VALUES (:p, :t, 1.0, 'editor')")
                    .bind("p", paperId).bind("t", t.code()).execute();
        }
    }

    private static void record(Handle h, Long itemId, Long paperId, String target, String value, String editor,
            Instant now) {
        h.createUpdate("INSERT INTO corrections (item_id, paper_id, target, new_value, editor, created_at)"
                        + " VALUES (:i, :p, :t, :v, :e, :now)")
                .bind("i", itemId).bind("p", paperId).bind("t", target).bind("v", value).bind("e", shorten(editor))
                .bind("now", Drafts.utc(now)).execute();
    }

    private static String shorten(String s) {
        String t = s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
