package org.trendpress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.Kind;
import org.trendpress.classify.Topic;
import org.junit.jupiter.api.io.TempDir;
import org.trendpress.store.Database;

/** One Paper per work: sightings at arXiv, Hugging Face, lab blogs and news merge into it. */
class MergeTest {

    static final Instant T0 = Instant.parse("2026-10-06T00:00:00Z");

    @TempDir
    Path dir;
    Database db;
    Jdbi jdbi;
    org.jdbi.v3.core.Handle keeper;
    final ItemStore store = new ItemStore();

    /** The database under test: embedded H2 here, PostgreSQL in {@code PostgresMergeTest}. */
    Database openDatabase() {
        return Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
    }

    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        jdbi = db.jdbi();
        // keep the embedded database open between transactions: without an open connection H2
        // closes and reopens the file for every handle, which corrupted it under load here
        keeper = jdbi.open();
        for (String s : List.of("arxiv-rss", "arxiv-api", "hf", "lab", "lab2", "news", "doi-feed")) {
            jdbi.useHandle(h -> h.execute("INSERT INTO sources (id, type, url) VALUES (?, 'rss', ?)", s,
                    "http://127.0.0.1/" + s));
        }
    }

    @AfterEach
    void close() {
        keeper.close();
        closeDatabase();
    }

    // ---- builders (fixtures in our own words) ----

    static Item arxivRss(String guid, String id, int version, String title, String summary) {
        return new Item("arxiv-rss", guid, "https://arxiv.org/abs/" + id, "https://arxiv.org/abs/" + id, title,
                summary, summary, List.of("Ada Lovelace", "Alan Turing"), id, null, T0.plusSeconds(86_400L * version),
                List.of(), new ItemDetails("cs.LG", List.of("cs.LG", "cs.AI"), "12 pages", null,
                        "https://arxiv.org/pdf/" + id + "v" + version, version, version == 1 ? "new" : "replace",
                        0, 0, null, 0, null, List.of(), null));
    }

    static Item hf(String guid, String id, String title, int upvotes, int stars) {
        return new Item("hf", guid, "https://huggingface.co/papers/" + id, "https://huggingface.co/papers/" + id,
                title, "Short blurb.", "Short blurb.", List.of("A. Lovelace"), id, null, T0.plusSeconds(3600),
                List.of(), new ItemDetails(null, List.of(), null, null, null, 0, null, upvotes, 7,
                        "https://github.com/example/tiny-rec", stars, "https://tiny-rec.example.org", List.of(), "ExampleLab"));
    }

    static Item post(String source, String guid, String url, String title, List<String> links, String arxivId,
            String doi, Instant published) {
        return new Item(source, guid, url, Links.canonical(url), title, "A post about it.", "A post about it.",
                List.of("Comms Team"), arxivId, doi, published, links);
    }

    boolean save(Item item, boolean research) {
        return jdbi.inTransaction(h -> store.save(h, item, research ? "research" : "news", "test", research, T0));
    }

    int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    Map<String, Object> paper(String where) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM papers WHERE " + where).mapToMap().one());
    }

    // ---- tests ----

    /** The paper's topics as "topic confidence source" lines, in topic order. */
    List<String> topicsOf(String arxivId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT t.topic, t.confidence, t.source FROM paper_topics t"
                        + " JOIN papers p ON p.id = t.paper_id WHERE p.arxiv_id = :a ORDER BY t.topic")
                .bind("a", arxivId)
                .map((rs, ctx) -> rs.getString(1) + " " + rs.getDouble(2) + " " + rs.getString(3)).list());
    }

    void saveWithTopics(Item item, Classifier.TopicScore... topics) {
        Classifier.Classification c = new Classifier.Classification(Kind.RESEARCH, 0.9, "test", List.of(topics));
        jdbi.useTransaction(h -> store.saveAll(h, item.sourceId(), List.of(item), List.of(c), T0));
    }

    static Classifier.TopicScore topic(Topic t, double confidence, String source) {
        return new Classifier.TopicScore(t, confidence, source);
    }

    @Test
    void aNewSightingsTopicsBecomeThePapersButArxivsWinAndAnEditorsAreNeverTouched() {
        String id = "2610.04321";
        saveWithTopics(arxivRss("oai:arXiv.org:" + id + "v1", id, 1, "Sparse Routing for Vision Models", "Abstract."),
                topic(Topic.VISION, 0.8, "model"), topic(Topic.LANGUAGE, 0.6, "model"));
        assertThat(topicsOf(id)).containsExactly("language 0.6 model", "vision 0.8 model");
        // another source's sighting: one topic kept with a new confidence, one dropped, one new,
        // and a topic named twice counts once (its first score)
        saveWithTopics(hf("hf-" + id, id, "Sparse Routing for Vision Models", 10, 0), topic(Topic.VISION, 0.7, "model"),
                topic(Topic.RL_ROBOTICS, 0.5, "model"), topic(Topic.VISION, 0.1, "model"));
        assertThat(topicsOf(id)).containsExactly("rl-robotics 0.5 model", "vision 0.7 model");
        // the same topics again: nothing changes
        saveWithTopics(post("lab", "lab-" + id, "https://arxiv.org/abs/" + id, "Sparse routing", List.of(), id, null,
                T0.plusSeconds(60)), topic(Topic.VISION, 0.7, "model"), topic(Topic.RL_ROBOTICS, 0.5, "model"));
        assertThat(topicsOf(id)).containsExactly("rl-robotics 0.5 model", "vision 0.7 model");
        // arXiv's categories replace the model's, the same topic with arXiv as its source
        saveWithTopics(arxivRss("oai:arXiv.org:" + id + "v2", id, 2, "Sparse Routing for Vision Models", "Abstract 2."),
                topic(Topic.VISION, 1.0, "arxiv"));
        assertThat(topicsOf(id)).containsExactly("vision 1.0 arxiv");
        // ... and the model's topics no longer replace arXiv's
        saveWithTopics(post("lab2", "lab2-" + id, "https://arxiv.org/abs/" + id, "Sparse routing", List.of(), id, null,
                T0.plusSeconds(120)), topic(Topic.LANGUAGE, 0.9, "model"));
        assertThat(topicsOf(id)).containsExactly("vision 1.0 arxiv");
        // an editor's topic: no sighting touches the paper's topics any more
        jdbi.useHandle(h -> h.execute("INSERT INTO paper_topics (paper_id, topic, confidence, source)"
                + " SELECT id, 'core-ml', 1.0, 'editor' FROM papers WHERE arxiv_id = ?", id));
        saveWithTopics(post("news", "news-" + id, "https://arxiv.org/abs/" + id, "Sparse routing", List.of(), id, null,
                T0.plusSeconds(180)), topic(Topic.MULTIMODAL, 1.0, "arxiv"));
        assertThat(topicsOf(id)).containsExactly("core-ml 1.0 editor", "vision 1.0 arxiv");
    }

    @Test
    void arxivHuggingFaceAndALabPostLinkingTheAbsPageAreOnePaperWithTheBestSignals() {
        String abs = "The full abstract from arXiv, longer than any blurb, describing tiny recurrent models.";
        save(arxivRss("oai:arXiv.org:2610.01234v1", "2610.01234", 1, "Tiny Recurrent Models Reason Well", abs), true);
        save(hf("hf-2610.01234", "2610.01234", "Tiny Recurrent Models Reason Well", 143, 512), true);
        // the lab post names no id itself: the parser found the arXiv id in its links
        save(post("lab", "https://lab.example.org/blog/tiny", "https://lab.example.org/blog/tiny?utm_source=x",
                "Our tiny models reason well", List.of("https://arxiv.org/abs/2610.01234v1"), "2610.01234", null,
                T0.plusSeconds(7200)), true);

        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        Map<String, Object> p = paper("arxiv_id = '2610.01234'");
        assertThat(p.get("mentions")).isEqualTo(3);
        assertThat(p.get("upvotes")).isEqualTo(143);
        assertThat(p.get("stars")).isEqualTo(512);
        assertThat(p.get("comments")).isEqualTo(7);
        assertThat(p.get("code_url")).isEqualTo("https://github.com/example/tiny-rec");
        assertThat(p.get("project_url")).isEqualTo("https://tiny-rec.example.org");
        assertThat(p.get("primary_category")).isEqualTo("cs.LG");
        assertThat(p.get("categories")).isEqualTo("cs.LG cs.AI");
        assertThat(p.get("arxiv_comment")).isEqualTo("12 pages");
        assertThat(p.get("pdf_url")).isEqualTo("https://arxiv.org/pdf/2610.01234v1");
        assertThat(p.get("arxiv_version")).isEqualTo(1);
        assertThat(p.get("title")).isEqualTo("Tiny Recurrent Models Reason Well");
        assertThat(p.get("summary")).isEqualTo(abs);
        assertThat(p.get("authors")).isEqualTo("Ada Lovelace, Alan Turing");
        assertThat(p.get("canonical_url")).isEqualTo("https://arxiv.org/abs/2610.01234");
        assertThat(count("SELECT COUNT(*) FROM items WHERE paper_id IS NOT NULL")).isEqualTo(3);
    }

    /**
     * A paper is found through the canonical URL of an item it already has (not its own URL): once
     * by the single save, once by a source's batch.
     */
    @Test
    void anItemLinkingWhereAnotherSightingLinkedJoinsThatPaper() {
        save(hf("hf-2610.01234", "2610.01234", "Tiny Recurrent Models Reason Well", 143, 512), true);
        assertThat(paper("arxiv_id = '2610.01234'").get("canonical_url")).isEqualTo("https://arxiv.org/abs/2610.01234");
        // no id of its own, another title: only the Hugging Face page it links ties it to the paper
        save(post("lab", "lab-1", "https://huggingface.co/papers/2610.01234", "What we read this week",
                List.of(), null, null, T0.plusSeconds(7200)), true);
        Item batched = post("lab2", "lab2-1", "https://huggingface.co/papers/2610.01234?utm_source=feed",
                "Reading list", List.of(), null, null, T0.plusSeconds(9000));
        Item unrelated = post("lab2", "lab2-2", "https://lab2.example.org/posts/other", "Something else entirely",
                List.of(), null, null, T0.plusSeconds(9000));
        Classifier.Classification research = new Classifier.Classification(Kind.RESEARCH, 0.9, "test", List.of());
        jdbi.useTransaction(h -> store.saveAll(h, "lab2", List.of(batched, unrelated), List.of(research, research), T0));

        assertThat(count("SELECT COUNT(*) FROM papers WHERE arxiv_id = '2610.01234'")).isEqualTo(1);
        long paperId = ((Number) paper("arxiv_id = '2610.01234'").get("id")).longValue();
        assertThat(count("SELECT COUNT(*) FROM items WHERE paper_id = " + paperId)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM items WHERE guid = 'lab2-2' AND (paper_id IS NULL OR paper_id <> "
                + paperId + ")")).isEqualTo(1);
        assertThat(paper("id = " + paperId).get("mentions")).isEqualTo(3);
    }

    @Test
    void theBestSignalsDoNotDependOnTheOrderSourcesWerePolledIn() {
        save(hf("hf-2610.01234", "2610.01234", "tiny recurrent models reason well", 143, 512), true);
        save(arxivRss("oai:arXiv.org:2610.01234v1", "2610.01234", 1, "Tiny Recurrent Models Reason Well",
                "The abstract."), true);
        Map<String, Object> p = paper("arxiv_id = '2610.01234'");
        assertThat(p.get("title")).isEqualTo("Tiny Recurrent Models Reason Well");
        assertThat(p.get("authors")).isEqualTo("Ada Lovelace, Alan Turing");
        assertThat(p.get("summary")).isEqualTo("The abstract.");
        assertThat(p.get("upvotes")).isEqualTo(143);
        assertThat(p.get("mentions")).isEqualTo(2);
        // the same Hugging Face entry seen again with more upvotes raises the paper's count
        save(hf("hf-2610.01234", "2610.01234", "tiny recurrent models reason well", 200, 600), true);
        assertThat(paper("arxiv_id = '2610.01234'").get("upvotes")).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(2);
    }

    @Test
    void aNewArxivVersionUpdatesThePaperAndIsNotASecondOneOrASecondCandidate() {
        assertThat(save(arxivRss("oai:arXiv.org:2610.01234v1", "2610.01234", 1, "Tiny Models Reason",
                "First abstract."), true)).isTrue();
        assertThat(paper("arxiv_id = '2610.01234'").get("updated_at")).isNull();
        // arXiv RSS announces the replacement under a new guid, with a new title
        assertThat(save(arxivRss("oai:arXiv.org:2610.01234v2", "2610.01234", 2, "Tiny Recursive Models Reason",
                "Revised abstract."), true)).isTrue();

        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        Map<String, Object> p = paper("arxiv_id = '2610.01234'");
        assertThat(p.get("arxiv_version")).isEqualTo(2);
        assertThat(p.get("title")).isEqualTo("Tiny Recursive Models Reason");
        assertThat(p.get("summary")).isEqualTo("Revised abstract.");
        assertThat(p.get("updated_at")).isNotNull();
        assertThat(p.get("mentions")).isEqualTo(1);
        assertThat(jdbi.withHandle(h -> h.createQuery("SELECT published_at FROM papers WHERE id = :id")
                .bind("id", p.get("id")).mapTo(java.time.OffsetDateTime.class).one()).toInstant())
                .isEqualTo(T0.plusSeconds(86_400));
        // the replacement is a sighting of the source's first entry, never a candidate of its own
        assertThat(count("SELECT COUNT(*) FROM items WHERE repeat_of IS NOT NULL")).isEqualTo(1);
        // polling the same feed again adds nothing
        assertThat(save(arxivRss("oai:arXiv.org:2610.01234v2", "2610.01234", 2, "Tiny Recursive Models Reason",
                "Revised abstract."), true)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(2);
    }

    @Test
    void aVersionSeenOnlyAtAnotherSourceStillRaisesTheVersion() {
        save(arxivRss("oai:arXiv.org:2610.01234v1", "2610.01234", 1, "Tiny Models Reason", "First."), true);
        Item api = new Item("arxiv-api", "http://arxiv.org/abs/2610.01234v3", "http://arxiv.org/abs/2610.01234v3",
                "http://arxiv.org/abs/2610.01234v3", "Tiny Models Reason", "Third.", "Third.", List.of("Ada Lovelace"),
                "2610.01234", "10.1234/tiny.3", T0, List.of(),
                new ItemDetails("cs.LG", List.of("cs.LG"), null, "J. Tiny 3 (2026)", null, 3, null, 0, 0, null, 0,
                        null, List.of(), null));
        save(api, true);
        Map<String, Object> p = paper("arxiv_id = '2610.01234'");
        assertThat(p.get("arxiv_version")).isEqualTo(3);
        assertThat(p.get("summary")).isEqualTo("Third.");
        assertThat(p.get("doi")).isEqualTo("10.1234/tiny.3");
        assertThat(p.get("journal_ref")).isEqualTo("J. Tiny 3 (2026)");
        assertThat(p.get("mentions")).isEqualTo(2);
    }

    @Test
    void aSourceReannouncingAnEntryUnderANewGuidKeepsOneCandidate() {
        save(hf("hf-a", "2610.01234", "Tiny Recurrent Models Reason Well", 10, 0), true);
        save(hf("hf-b", "2610.01234", "Tiny Recurrent Models Reason Well", 30, 0), true);
        Item story = post("news", "news-1", "https://news.example.com/2026/10/tiny", "Tiny models, big news",
                List.of(), null, null, T0);
        Item again = post("news", "news-1-bis", "https://news.example.com/2026/10/tiny#comments", "Tiny models, big news",
                List.of(), null, null, T0);
        save(story, false);
        save(again, false);
        assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM items WHERE repeat_of IS NULL")).isEqualTo(2);
        assertThat(paper("arxiv_id = '2610.01234'").get("upvotes")).isEqualTo(30);
        assertThat(paper("arxiv_id = '2610.01234'").get("mentions")).isEqualTo(1);
        // a feed whose entries all link to its home page has no repeats
        save(post("news", "n-2", "https://news.example.com/", "Story two", List.of(), null, null, T0), false);
        save(post("news", "n-3", "https://news.example.com/", "Story three", List.of(), null, null, T0), false);
        assertThat(count("SELECT COUNT(*) FROM items WHERE repeat_of IS NULL")).isEqualTo(4);
    }

    @Test
    void nearIdenticalTitlesMergeWithoutASharedId() {
        save(arxivRss("oai:arXiv.org:2610.05555v1", "2610.05555", 1, "SAM 3: Segment Anything in Images and Videos",
                "Abstract."), true);
        // the lab's post and a news story carry no id, only the title (with typographic dashes and quotes)
        save(post("lab", "lab-1", "https://lab.example.org/blog/sam3", "Introducing SAM\u00a03 \u2014 Segment Anything in Images & Videos",
                List.of(), null, null, T0.plusSeconds(86_400 * 3)), true);
        save(post("news", "news-1", "https://news.example.com/sam3", "\u201cSAM 3: Segment anything in images and videos\u201d",
                List.of(), null, null, T0.plusSeconds(86_400 * 10)), false);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(paper("arxiv_id = '2610.05555'").get("mentions")).isEqualTo(3);
        assertThat(paper("arxiv_id = '2610.05555'").get("title")).isEqualTo("SAM 3: Segment Anything in Images and Videos");
    }

    @Test
    void aBlogPostFirstThenTheArxivPaperWithTheSameTitleAreOnePaper() {
        save(post("lab", "lab-1", "https://lab.example.org/blog/rl", "Scaling Reinforcement Learning for Long-Horizon Agents",
                List.of(), null, null, T0), true);
        save(arxivRss("oai:arXiv.org:2610.07777v1", "2610.07777", 1, "Scaling reinforcement learning for long horizon agents",
                "Abstract."), true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        Map<String, Object> p = paper("arxiv_id = '2610.07777'");
        assertThat(p.get("canonical_url")).isEqualTo("https://arxiv.org/abs/2610.07777");
        assertThat(p.get("mentions")).isEqualTo(2);
    }

    @Test
    void shortGenericTitlesDifferentNumbersAndDistantDatesDoNotMerge() {
        save(post("lab", "g-1", "https://lab.example.org/gemini", "Introducing Gemini", List.of(), null, null, T0), true);
        save(post("lab2", "g-2", "https://lab2.example.org/gemma", "Introducing Gemma", List.of(), null, null, T0), true);
        save(post("news", "g-3", "https://news.example.com/gemini", "Introducing Gemini", List.of(), null, null, T0), true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(3);

        save(post("lab", "l-31", "https://lab.example.org/llama31", "Llama 3.1: Open Foundation Models at Scale",
                List.of(), null, null, T0), true);
        save(post("lab2", "l-32", "https://lab2.example.org/llama32", "Llama 3.2: Open Foundation Models at Scale",
                List.of(), null, null, T0), true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(5);

        save(post("lab", "w-1", "https://lab.example.org/wm", "World Models for Robotic Manipulation Planning",
                List.of(), null, null, T0), true);
        save(post("lab2", "w-2", "https://lab2.example.org/wm", "World Models for Robotic Manipulation Planning",
                List.of(), null, null, T0.plusSeconds(86_400L * 200)), true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(7);
    }

    @Test
    void titlesNeverMergePapersWithDifferentArxivIds() {
        save(arxivRss("oai:arXiv.org:2610.00001v1", "2610.00001", 1, "Benchmarking Large Language Models on Code Review",
                "A."), true);
        save(arxivRss("oai:arXiv.org:2610.00002v1", "2610.00002", 1, "Benchmarking Large Language Models on Code Review",
                "B."), true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(2);
    }

    @Test
    void aDoiOnlyItemAndAnArxivItemWithTheSameDoiMerge() {
        save(post("doi-feed", "d-1", "https://doi.org/10.5555/tiny.2026", "A journal paper", List.of(), null,
                "10.5555/tiny.2026", T0), true);
        Item api = new Item("arxiv-api", "http://arxiv.org/abs/2610.04444v1", "http://arxiv.org/abs/2610.04444v1",
                "http://arxiv.org/abs/2610.04444v1", "Something else entirely", "Abstract.", "Abstract.",
                List.of("Ada Lovelace"), "2610.04444", "10.5555/tiny.2026", T0, List.of(), ItemDetails.NONE);
        save(api, true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        Map<String, Object> p = paper("doi = '10.5555/tiny.2026'");
        assertThat(p.get("arxiv_id")).isEqualTo("2610.04444");
        assertThat(p.get("mentions")).isEqualTo(2);
    }

    @Test
    void aDoiLearntLaterAbsorbsTheDoiOnlyTwin() {
        save(arxivRss("oai:arXiv.org:2610.04444v1", "2610.04444", 1, "Tiny Models", "Abstract."), true);
        save(post("doi-feed", "d-1", "https://doi.org/10.5555/tiny.2026", "A journal paper", List.of(), null,
                "10.5555/tiny.2026", T0), true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(2);
        Item api = new Item("arxiv-api", "http://arxiv.org/abs/2610.04444v2", "http://arxiv.org/abs/2610.04444v2",
                "http://arxiv.org/abs/2610.04444v2", "Tiny Models", "Abstract.", "Abstract.",
                List.of("Ada Lovelace"), "2610.04444", "10.5555/tiny.2026", T0, List.of(), ItemDetails.NONE);
        save(api, true);
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        Map<String, Object> p = paper("arxiv_id = '2610.04444'");
        assertThat(p.get("doi")).isEqualTo("10.5555/tiny.2026");
        assertThat(p.get("mentions")).isEqualTo(3);
    }

    /** As above, with the topics every classified sighting brings: the twin's go with it. */
    @Test
    void aTwinWithTopicsIsAbsorbedAndTheKeepersTopicsAreTheNewSightings() {
        saveWithTopics(arxivRss("oai:arXiv.org:2610.04444v1", "2610.04444", 1, "Tiny Models", "Abstract."),
                topic(Topic.VISION, 0.8, "model"));
        saveWithTopics(post("doi-feed", "d-1", "https://doi.org/10.5555/tiny.2026", "A journal paper", List.of(), null,
                "10.5555/tiny.2026", T0), topic(Topic.LANGUAGE, 0.7, "model"), topic(Topic.CORE_ML, 0.5, "model"));
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM paper_topics")).isEqualTo(3);
        Item api = new Item("arxiv-api", "http://arxiv.org/abs/2610.04444v2", "http://arxiv.org/abs/2610.04444v2",
                "http://arxiv.org/abs/2610.04444v2", "Tiny Models", "Abstract.", "Abstract.",
                List.of("Ada Lovelace"), "2610.04444", "10.5555/tiny.2026", T0, List.of(), ItemDetails.NONE);
        saveWithTopics(api, topic(Topic.VISION, 0.9, "model"));
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(paper("arxiv_id = '2610.04444'").get("doi")).isEqualTo("10.5555/tiny.2026");
        assertThat(topicsOf("2610.04444")).containsExactly("vision 0.9 model");
        assertThat(count("SELECT COUNT(*) FROM paper_topics")).isEqualTo(1);
    }

    /** The twin's editor topics, corrections and related-work mentions move to the paper that absorbs it. */
    @Test
    void anEditorsTopicsAndCorrectionsOfAnAbsorbedTwinMoveToTheKeeper() {
        saveWithTopics(arxivRss("oai:arXiv.org:2610.04444v1", "2610.04444", 1, "Tiny Models", "Abstract."),
                topic(Topic.VISION, 0.8, "model"));
        saveWithTopics(post("doi-feed", "d-1", "https://doi.org/10.5555/tiny.2026", "A journal paper", List.of(), null,
                "10.5555/tiny.2026", T0), topic(Topic.LANGUAGE, 0.7, "model"));
        long twin = jdbi.withHandle(h -> h.createQuery("SELECT id FROM papers WHERE doi = '10.5555/tiny.2026'")
                .mapTo(Long.class).one());
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM paper_topics WHERE paper_id = ?", twin);
            h.execute("INSERT INTO paper_topics (paper_id, topic, confidence, source) VALUES (?, 'core-ml', 1.0, 'editor')", twin);
            h.execute("INSERT INTO corrections (paper_id, target, new_value, editor, created_at) VALUES (?, 'topics',"
                    + " 'core-ml', 'ed', CURRENT_TIMESTAMP)", twin);
            h.execute("INSERT INTO drafts (month, window_start, window_end, state, created_at, updated_at) VALUES"
                    + " ('2026-10', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'open', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            long draft = h.createQuery("SELECT id FROM drafts").mapTo(Long.class).one();
            long keeper = h.createQuery("SELECT id FROM papers WHERE arxiv_id = '2610.04444'").mapTo(Long.class).one();
            h.execute("INSERT INTO candidates (draft_id, kind, paper_id, score) VALUES (?, 'paper', ?, 1.0)", draft, keeper);
            long candidate = h.createQuery("SELECT id FROM candidates").mapTo(Long.class).one();
            h.execute("INSERT INTO related_works (candidate_id, paper_id, position) VALUES (?, ?, 1)", candidate, twin);
        });
        Item api = new Item("arxiv-api", "http://arxiv.org/abs/2610.04444v2", "http://arxiv.org/abs/2610.04444v2",
                "http://arxiv.org/abs/2610.04444v2", "Tiny Models", "Abstract.", "Abstract.",
                List.of("Ada Lovelace"), "2610.04444", "10.5555/tiny.2026", T0, List.of(), ItemDetails.NONE);
        saveWithTopics(api, topic(Topic.VISION, 0.9, "model"));
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(1);
        assertThat(topicsOf("2610.04444")).containsExactly("core-ml 1.0 editor");
        assertThat(count("SELECT COUNT(*) FROM corrections c JOIN papers p ON p.id = c.paper_id"
                + " WHERE p.arxiv_id = '2610.04444'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM related_works r JOIN papers p ON p.id = r.paper_id"
                + " WHERE p.arxiv_id = '2610.04444'")).isEqualTo(1);
    }

    @Test
    void newsWithoutAnIdNeverCreatesAPaperButASightingOfAFeaturedWorkIsMarkedFeatured() {
        save(post("news", "n-1", "https://news.example.com/a", "Markets react to chip news", List.of(), null, null, T0),
                false);
        assertThat(count("SELECT COUNT(*) FROM papers")).isZero();
        save(arxivRss("oai:arXiv.org:2610.01234v1", "2610.01234", 1, "Tiny Recurrent Models Reason Well", "A."), true);
        jdbi.useHandle(h -> h.execute("UPDATE papers SET featured_in = '2026-10'"));
        save(hf("hf-1", "2610.01234", "Tiny Recurrent Models Reason Well", 5, 0), true);
        assertThat(count("SELECT COUNT(*) FROM items WHERE source_id = 'hf' AND featured_in = '2026-10'")).isEqualTo(1);
    }

    @Test
    void aPaperMergedOneSightingAtATimeSaysWhatAllItsSightingsSay() {
        Random r = new Random(3);
        String[] ids = {"2610.01234", "2610.05555", "2611.00042"};
        String[] texts = {"Tiny models", "Tiny modelz", "Reasoning at small scale", "An abstract of some length.",
                "An abstract of same length.", "A much longer abstract that says more about the work."};
        String[] sources = {"arxiv-rss", "hf", "lab", "lab2", "news"};
        for (int n = 0; n < 90; n++) {
            String id = ids[r.nextInt(ids.length)];
            String source = sources[r.nextInt(sources.length)];
            boolean arxiv = source.equals("arxiv-rss");
            int version = 1 + r.nextInt(3);
            String text = texts[r.nextInt(texts.length)];
            Item item = new Item(source, source + "-" + n,
                    arxiv ? "https://arxiv.org/abs/" + id + "v" + version : "https://" + source + ".example.org/p/" + n,
                    null, texts[r.nextInt(3)], text, text,
                    r.nextBoolean() ? List.of() : List.of("Author " + r.nextInt(3), "Author " + r.nextInt(3)), id, null,
                    T0.plusSeconds(3600L * r.nextInt(48)).plusNanos(1234567), List.of(),
                    new ItemDetails(arxiv ? "cs.LG" : null, r.nextBoolean() ? List.of() : List.of("cs.LG", "cs.CL"),
                            r.nextBoolean() ? null : "pages " + r.nextInt(3), null,
                            r.nextBoolean() ? null : "https://arxiv.org/pdf/" + id + "v" + version, version, null,
                            r.nextInt(50), r.nextInt(5), r.nextBoolean() ? null : "https://github.com/ex/repo" + r.nextInt(3),
                            r.nextInt(4) * 10, r.nextBoolean() ? null : "https://project.example.org/" + r.nextInt(3),
                            List.of(), null));
            save(item, !source.startsWith("news"));
            if (n == 45) {
                // a paper row from before merge states were kept: the next sighting reads all of them again
                jdbi.useHandle(h -> h.execute("UPDATE papers SET merge_state = NULL WHERE arxiv_id = ?", ids[0]));
            }
        }
        assertThat(count("SELECT COUNT(*) FROM papers")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM papers WHERE merge_state IS NULL")).isZero();
        for (String id : ids) {
            Map<String, Object> p = paper("arxiv_id = '" + id + "'");
            List<PaperMetadata.Sighting> all = jdbi.withHandle(h -> h.createQuery("SELECT * FROM items WHERE paper_id = :p")
                    .bind("p", p.get("id")).map((rs, ctx) -> new PaperMetadata.Sighting(rs.getLong("id"),
                            rs.getString("source_id"), rs.getInt("source_rank"), rs.getString("title"),
                            rs.getString("summary_text"), rs.getString("authors"), rs.getString("arxiv_id"),
                            rs.getString("doi"), rs.getInt("arxiv_version"), rs.getInt("upvotes"), rs.getInt("stars"),
                            rs.getInt("comments"), rs.getString("code_url"), rs.getString("project_url"),
                            rs.getString("pdf_url"), rs.getString("primary_category"), rs.getString("categories"),
                            rs.getString("arxiv_comment"), rs.getString("journal_ref"),
                            rs.getObject("published_at", OffsetDateTime.class).toInstant())).list());
            assertThat(all).hasSizeGreaterThan(10);
            PaperMetadata.Best b = ReferenceMerge.best(all);
            List<Object> row = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            for (String column : List.of("title", "summary", "authors", "arxiv_version", "mentions", "upvotes", "stars",
                    "comments", "code_url", "project_url", "pdf_url", "primary_category", "categories",
                    "arxiv_comment", "journal_ref")) {
                row.add(column + "=" + p.get(column));
            }
            for (Object v : List.of(b.title(), b.summary(), b.authors(), b.arxivVersion(), b.mentions(), b.upvotes(),
                    b.stars(), b.comments(), String.valueOf(b.codeUrl()), String.valueOf(b.projectUrl()),
                    String.valueOf(b.pdfUrl()), String.valueOf(b.primaryCategory()), String.valueOf(b.categories()),
                    String.valueOf(b.comment()), String.valueOf(b.journalRef()))) {
                expected.add(v);
            }
            List<Object> actual = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                actual.add(String.valueOf(row.get(i)).substring(String.valueOf(row.get(i)).indexOf('=') + 1));
                expected.set(i, String.valueOf(expected.get(i)));
            }
            assertThat(actual).as("paper %s: %s", id, row).isEqualTo(expected);
            // the publication time only ever moves earlier, and never before the earliest sighting
            Instant published = ((OffsetDateTime) jdbi.withHandle(h -> h.createQuery(
                    "SELECT published_at FROM papers WHERE arxiv_id = :a").bind("a", id)
                    .mapTo(OffsetDateTime.class).one())).toInstant();
            assertThat(published).isBeforeOrEqualTo(b.publishedAt())
                    .isAfterOrEqualTo(all.stream().map(PaperMetadata.Sighting::publishedAt).min(Instant::compareTo).orElseThrow());
        }
    }
}
