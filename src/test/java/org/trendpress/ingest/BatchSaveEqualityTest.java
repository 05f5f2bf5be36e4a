package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.Kind;
import org.trendpress.store.Database;

/**
 * {@link ItemStore#saveAll} promises the outcome of {@link ItemStore#save} called item by item, while
 * it reads its look-ups (guids, entry keys, papers by arXiv id, DOI and canonical URL) up front and
 * keeps them up to date itself. Generated polls with arXiv ids, DOIs and URLs shared across sources,
 * clashing ids, repeated entries and re-polled guids go into two databases, one batch per source and
 * poll in the first, one transaction per item in the second: every item must end in the same paper
 * (the same groups of sightings, each paper with the same ids, URL and mentions).
 */
class BatchSaveEqualityTest {

    static final Instant T0 = Instant.parse("2026-10-06T00:00:00Z");
    static final List<String> SOURCES = List.of("arxiv-rss", "hf", "lab", "lab2", "news", "doi-feed");

    @TempDir
    Path dir;

    @Test
    void anItemWhoseDoiNamesAPaperWithAnotherArxivIdJoinsByItsUrlInABatchToo() {
        // the batch reads no URL up front for an item whose DOI found a paper: here that paper has
        // another arXiv id, so find() goes on to the URL, which the batch must then ask for
        List<List<Item>> polls = List.of(
                List.of(new Item("lab", "lab-1", "https://lab.example.org/papers/77", "https://lab.example.org/papers/77",
                        "Our tiny graph learner", "Post.", "Post.", List.of("Lab"), null, null, T0, List.of())),
                List.of(new Item("doi-feed", "d-1", "https://doi.org/10.5555/work.1", "https://doi.org/10.5555/work.1",
                        "A journal version", "Abstract.", "Abstract.", List.of("Ada"), "2610.00001", "10.5555/work.1", T0,
                        List.of())),
                List.of(new Item("lab2", "lab2-1", "https://lab.example.org/papers/77?utm_source=feed",
                        "https://lab.example.org/papers/77", "Reading: tiny graph learners", "Note.", "Note.", List.of("Lab 2"),
                        "2610.00009", "10.5555/work.1", T0, List.of())));
        Map<String, String> batched = run(dir.resolve("batched"), polls, true);
        assertThat(batched).isEqualTo(run(dir.resolve("single"), polls, false));
        assertThat(batched.get("lab2/lab2-1")).isEqualTo(batched.get("lab/lab-1")).contains("mentions=2");
    }

    @Test
    void aBatchPerSourceEndsLikeOneSaveAtATime() {
        for (long seed = 1; seed <= 6; seed++) {
            List<List<Item>> polls = polls(new Random(seed));
            Map<String, String> batched = run(dir.resolve("batched-" + seed), polls, true);
            Map<String, String> single = run(dir.resolve("single-" + seed), polls, false);
            assertThat(batched).as("seed %d", seed).isEqualTo(single);
            // the scenario merges: most items share their paper with other sightings
            assertThat(batched.values().stream().filter(v -> v.contains("mentions=1 ")).count())
                    .isLessThan(batched.size() / 2);
        }
    }

    /** Each poll is one source's items, in order; sources and polls interleave as a poller's cycles do. */
    static List<List<Item>> polls(Random r) {
        List<List<Item>> polls = new ArrayList<>();
        List<Item> seen = new ArrayList<>();
        int n = 0;
        for (int cycle = 0; cycle < 5; cycle++) {
            for (String source : SOURCES) {
                List<Item> poll = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    if (!seen.isEmpty() && r.nextInt(8) == 0) {
                        // an entry polled again (same guid), from this source's earlier ones when there are any
                        Item again = seen.get(r.nextInt(seen.size()));
                        if (again.sourceId().equals(source)) {
                            poll.add(again);
                            continue;
                        }
                    }
                    Item item = item(r, source, n++, cycle);
                    poll.add(item);
                    seen.add(item);
                }
                polls.add(poll);
            }
        }
        return polls;
    }

    static Item item(Random r, String source, int n, int cycle) {
        int work = r.nextInt(25);
        String arxivId = r.nextInt(3) > 0 ? String.format("2610.%05d", r.nextInt(3) == 0 ? r.nextInt(25) : work) : null;
        String doi = r.nextInt(4) == 0 ? "10.5555/work." + (r.nextInt(4) == 0 ? r.nextInt(25) : work) : null;
        String url = switch (r.nextInt(5)) {
            case 0 -> arxivId != null ? "https://arxiv.org/abs/" + arxivId : "https://arxiv.org/abs/2610." + work;
            case 1 -> "https://lab.example.org/papers/" + work + (r.nextBoolean() ? "?utm_source=feed" : "");
            case 2 -> "https://huggingface.co/papers/2610." + String.format("%05d", work);
            case 3 -> "https://news.example.com/" + source + "/" + n;
            default -> "https://lab.example.org/papers/" + r.nextInt(25);
        };
        if (r.nextInt(6) == 0) {
            arxivId = null;
            doi = null;
        }
        String title = r.nextInt(4) == 0 ? "Story number " + n + " of the week in " + source
                : "Work " + work + (r.nextBoolean() ? ": sparse recurrent models that reason" : " on tiny graph learners");
        // a few entries re-announced under a new guid with the same link (a repeat of the first)
        String guid = r.nextInt(10) == 0 ? source + "-again-" + work : source + "-" + n;
        return new Item(source, guid, url, Links.canonical(url), title, "Summary " + n + ".", "Summary " + n + ".",
                List.of("Author " + (n % 7)), arxivId, doi, T0.plusSeconds(3600L * (cycle * 24 + n % 24)), List.of());
    }

    /** Stores the polls and returns, per (source, guid), its paper as ids, URL and mentions, and the paper's sightings. */
    static Map<String, String> run(Path folder, List<List<Item>> polls, boolean batched) {
        Database db = Database.open("jdbc:h2:file:" + folder.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
        try {
            Jdbi jdbi = db.jdbi();
            try (Handle keeper = jdbi.open()) {
                for (String s : SOURCES) {
                    jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES (?, 'rss', ?)", s,
                            "http://127.0.0.1/" + s));
                }
                ItemStore store = new ItemStore();
                int cycle = 0;
                for (List<Item> poll : polls) {
                    Instant seenAt = T0.plusSeconds(86_400L * (cycle++ / SOURCES.size()));
                    List<Classifier.Classification> classes = new ArrayList<>();
                    for (Item item : poll) {
                        boolean research = !item.canonicalUrl().startsWith("https://news.");
                        classes.add(new Classifier.Classification(research ? Kind.RESEARCH : Kind.NEWS, 0.9, "test", List.of()));
                    }
                    if (batched) {
                        jdbi.useTransaction(h -> store.saveAll(h, poll.get(0).sourceId(), poll, classes, seenAt));
                    } else {
                        for (int i = 0; i < poll.size(); i++) {
                            Item item = poll.get(i);
                            Classifier.Classification c = classes.get(i);
                            jdbi.useTransaction(h -> store.save(h, item, c, seenAt));
                        }
                    }
                }
                return jdbi.withHandle(h -> {
                    Map<Long, List<String>> sightings = new TreeMap<>();
                    h.createQuery("SELECT source_id, guid, paper_id FROM items WHERE paper_id IS NOT NULL ORDER BY source_id, guid, id")
                            .map((rs, ctx) -> new Object[] {rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)})
                            .forEach(row -> sightings.computeIfAbsent((Long) row[1], k -> new ArrayList<>()).add((String) row[0]));
                    Map<String, String> out = new TreeMap<>();
                    h.createQuery("SELECT i.source_id, i.guid, i.repeat_of IS NOT NULL, p.id, p.arxiv_id, p.doi, p.canonical_url,"
                                    + " p.mentions FROM items i LEFT JOIN papers p ON p.id = i.paper_id ORDER BY i.id")
                            .map((rs, ctx) -> {
                                String key = rs.getString(1) + "/" + rs.getString(2) + (rs.getBoolean(3) ? " (repeat)" : "");
                                long paper = rs.getLong(4);
                                String value = rs.wasNull() ? "no paper" : "arxiv=" + rs.getString(5) + " doi=" + rs.getString(6)
                                        + " url=" + rs.getString(7) + " mentions=" + rs.getInt(8) + " sightings="
                                        + sightings.get(paper);
                                return Map.entry(key, value);
                            })
                            .forEach(e -> out.merge(e.getKey(), e.getValue(), (a, b) -> a + " | " + b));
                    return out;
                });
            }
        } finally {
            db.close();
        }
    }
}
