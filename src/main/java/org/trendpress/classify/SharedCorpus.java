package org.trendpress.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trendpress.ingest.Connectors;
import org.trendpress.ingest.Item;
import org.trendpress.ingest.ParsedFeed;

/**
 * The labelled examples we train and evaluate on, read in place from {@code ../shared/data} (see
 * its PROVENANCE.md and {@code src/main/resources/model/README.md} for how each part is
 * labelled). Nothing here is copied into the repository. Examples are de-duplicated by
 * {@link Split#key} (the first, in path order, wins) and returned sorted by id.
 */
public final class SharedCorpus {

    private static final Logger LOG = LoggerFactory.getLogger(SharedCorpus.class);

    /** Origins whose examples are real lab-blog and news items: the kind target is measured on them. */
    public static final Set<String> REAL_FEEDS = Set.of("lab-blog", "tech-news");
    /** Origins of arXiv's own items: the topic target is measured on them. */
    public static final Set<String> ARXIV = Set.of("arxiv-api", "arxiv-csv");

    /**
     * Lab-blog feeds whose posts are research write-ups (file name, lower-case): labs' research
     * pages and paper lists, and the publication feeds of research organisations (FAR AI,
     * Goodfire, Timaeus, Transluce, Anthropic's Frontier Red Team), whose every post presents a
     * paper or a study.
     */
    static final Pattern RESEARCH_FEED = Pattern.compile(
            "research|papers|bair_blog|eleuther|far_ai|goodfire|timaeus|transluce|anthropic_red");
    /** Feeds of off-topic noise: status pages, changelogs, SDK releases, trending repositories, essays. */
    static final Pattern OTHER_FEED = Pattern.compile(
            "status|changelog|releases|sdk|mcp-servers|github_trends|paulgraham|podcast|dagster|pinecone|weaviate|producthunt|/design/");

    private final Path root;
    private final Connectors connectors = new Connectors();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, LabeledExample> byKey = new LinkedHashMap<>();
    private final Set<String> arxivIds = new java.util.HashSet<>();

    private SharedCorpus(Path root) {
        this.root = root;
    }

    /** Whether the shared data folder is there. */
    public static boolean available(Path root) {
        return Files.isDirectory(root.resolve("labeled"));
    }

    /** Every labelled example under {@code root} (the shared data folder). */
    public static List<LabeledExample> load(Path root) {
        if (!available(root)) {
            throw new ClassifyException("training data not found at " + root.toAbsolutePath().normalize()
                    + " (classify --train and --eval need ../shared/data)");
        }
        SharedCorpus c = new SharedCorpus(root);
        try {
            c.arxivCsv();
            for (Path p : c.files("arxiv", ".xml")) {
                c.feed(p, "arxiv-api", Kind.RESEARCH, "research", true);
            }
            for (Path p : c.files("hf-daily-papers", "")) {
                c.feed(p, "hf-daily", Kind.RESEARCH, "research", false);
            }
            c.buiVannn();
            c.mibuhand();
            for (Path p : c.files("ai-blog-feeds", ".xml")) {
                c.feed(p, "lab-blog", null, "mixed", false);
            }
            for (Path p : c.files("tech-news-feeds", "")) {
                c.feed(p, "tech-news", null, "news", false);
            }
            c.agNews();
            c.sentences();
        } catch (IOException e) {
            throw new ClassifyException("cannot read training data: " + e.getMessage(), e);
        }
        List<LabeledExample> out = new ArrayList<>(c.byKey.values());
        out.sort(java.util.Comparator.comparing(LabeledExample::id));
        return out;
    }

    private List<Path> files(String sub, String suffix) throws IOException {
        Path dir = root.resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(suffix) || suffix.isEmpty()
                            && (p.toString().endsWith(".xml") || p.toString().endsWith(".json") || p.toString().endsWith(".rss")))
                    .sorted().toList();
        }
    }

    /**
     * Keeps the first example of each work, BEFORE the split: one normalised title ({@link Split#key})
     * and one arXiv id (version dropped) each count once, so no work is on both sides of the split.
     */
    private void add(String origin, String localId, ItemFeatures f, Kind kind, Set<Topic> topics) {
        String key = Split.key(f.title());
        if (key.isEmpty() || byKey.containsKey(key)) {
            return;
        }
        if (f.arxivId() != null && !arxivIds.add(f.arxivId().replaceFirst("v\\d+$", ""))) {
            return;
        }
        byKey.put(key, new LabeledExample(origin + ":" + localId, origin, f, kind, topics));
    }

    /**
     * The source's kind hint is shown to the model for half the examples (chosen by a hash of the
     * title), "mixed" for the rest, so the model learns from the text and does not lean on the hint.
     */
    private static String hint(String natural, String title) {
        return (Split.hash(title) & 2) == 0 ? natural : "mixed";
    }

    private void arxivCsv() throws IOException {
        Path csv = root.resolve("labeled/arxiv_abstracts_categories/tiagoft-NLP/arxiv_data.csv");
        if (!Files.exists(csv)) {
            return;
        }
        List<List<String>> rows = Csv.read(Files.readString(csv, StandardCharsets.UTF_8));
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() < 3) {
                continue;
            }
            List<String> cats = new ArrayList<>();
            for (String t : r.get(2).replaceAll("[\\[\\]']", "").split(",")) {
                if (!t.isBlank()) {
                    cats.add(t.strip());
                }
            }
            String title = r.get(0).replaceAll("\\s+", " ").strip();
            ItemFeatures f = new ItemFeatures(title, r.get(1).replaceAll("\\s+", " ").strip(), null, null, List.of(), 0,
                    hint("research", title), List.of());
            Set<Topic> topics = ArxivCategories.topics(cats, title, r.get(1));
            add("arxiv-csv", String.format(Locale.ROOT, "%04d", i), f, Kind.RESEARCH, topics.isEmpty() ? null : topics);
        }
    }

    /** Items of one captured feed or API response, labelled by the rule of its origin. */
    private void feed(Path p, String origin, Kind fixed, String naturalHint, boolean topics) {
        ParsedFeed parsed;
        try {
            parsed = connectors.parseAny(origin, Files.readAllBytes(p), null);
        } catch (RuntimeException | IOException e) {
            LOG.debug("classify.corpus.skipped file={} reason={}", p, e.getMessage());
            return;
        }
        String rel = root.relativize(p).toString().toLowerCase(Locale.ROOT).replace('\\', '/');
        int n = 0;
        for (Item item : parsed.items()) {
            if (item.title() == null || item.title().isBlank()) {
                continue;
            }
            ItemFeatures f = ItemFeatures.of(item, hint(naturalHint, item.title()));
            Kind kind = fixed != null ? fixed : feedKind(rel, f);
            Set<Topic> t = topics ? ArxivCategories.topics(f.categories(), f.title(), f.summary()) : Set.of();
            // categories are for the labels only: the examples carry none, as a non-arXiv item would
            ItemFeatures bare = new ItemFeatures(f.title(), f.summary(), f.arxivId(), f.doi(), f.links(), f.authors(),
                    f.kindHint(), List.of());
            add(origin, rel + "#" + n++, bare, kind, t.isEmpty() ? null : t);
        }
    }

    /** The labelling rule for lab-blog and tech-news items (see the model README). */
    static Kind feedKind(String relPath, ItemFeatures f) {
        String name = relPath.substring(relPath.lastIndexOf('/') + 1);
        if (OTHER_FEED.matcher(relPath).find()) {
            return Kind.OTHER;
        }
        if (RESEARCH_FEED.matcher(name).find() || relPath.contains("/feed_openai_research/")) {
            return Kind.RESEARCH;
        }
        if (f.arxivId() != null || f.links().stream().anyMatch(l -> Features.ARXIV_LINK.matcher(l).find()
                || Features.OPENREVIEW.matcher(l).find())) {
            return Kind.RESEARCH;
        }
        return Kind.NEWS;
    }

    private void buiVannn() throws IOException {
        for (Path p : files("labeled/news_vs_research_weak/BuiVannn-All-News-AI", ".json")) {
            JsonNode arr = json.readTree(p.toFile());
            for (JsonNode n : arr) {
                String k = n.path("kind").asText("");
                Kind kind = k.equals("paper") ? Kind.RESEARCH : k.equals("model") || k.equals("release") ? Kind.NEWS : null;
                if (kind == null) {
                    continue;
                }
                List<String> links = new ArrayList<>();
                String arxiv = null;
                for (JsonNode l : n.path("links")) {
                    links.add(l.path("url").asText(""));
                    if (l.path("source").asText("").equals("arxiv")) {
                        arxiv = l.path("external_id").asText(null);
                    }
                }
                String title = n.path("title").asText("");
                ItemFeatures f = new ItemFeatures(title, n.path("summary_en").asText(""), arxiv, null, links,
                        n.path("actors").size(), "mixed", List.of());
                add("weak-buivannn", n.path("id").asText(title), f, kind, null);
            }
        }
    }

    private void mibuhand() throws IOException {
        for (Path p : files("labeled/news_vs_research_weak/mibuhand-AI-News-Direct", ".json")) {
            JsonNode arr = json.readTree(p.toFile());
            for (JsonNode n : arr) {
                String type = n.path("type").asText("");
                Kind kind = switch (type) {
                    case "research", "paper" -> Kind.RESEARCH;
                    case "trending_repository" -> Kind.OTHER;
                    case "" -> null;
                    default -> Kind.NEWS;
                };
                if (kind == null) {
                    continue;
                }
                String title = n.path("title").asText("");
                String url = n.path("url").asText("");
                ItemFeatures f = new ItemFeatures(title, n.path("description").asText(""), null, null,
                        url.isEmpty() ? List.of() : List.of(url), 0, "mixed", List.of());
                add("weak-mibuhand", n.path("id").asText(title), f, kind, null);
            }
        }
    }

    /**
     * Sentences from arXiv abstracts labelled by theme (koaning arxiv-frontpage): those labelled
     * {@code llms}, {@code llm} or {@code prompt-eng} teach the language topic, {@code ml-security}
     * the safety-security topic. Topic-only examples (no kind: a lone sentence is not an item);
     * sentences with no positive label for those themes are not used.
     */
    private void sentences() throws IOException {
        int n = 0;
        for (Path p : files("labeled/arxiv_sentence_labels", ".jsonl")) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                JsonNode cats = node.path("cats");
                Set<Topic> topics = java.util.EnumSet.noneOf(Topic.class);
                if (cats.path("llms").asInt(0) == 1 || cats.path("llm").asInt(0) == 1 || cats.path("prompt-eng").asInt(0) == 1) {
                    topics.add(Topic.LANGUAGE);
                }
                if (cats.path("ml-security").asInt(0) == 1) {
                    topics.add(Topic.SAFETY_SECURITY);
                }
                String text = node.path("text").asText("").strip();
                if (topics.isEmpty() || text.isEmpty()) {
                    continue;
                }
                add("arxiv-sentence", String.format(Locale.ROOT, "%05d", n++), new ItemFeatures(text, "", null, null,
                        List.of(), 0, "research", List.of()), null, topics);
            }
        }
    }

    /** AG News: Sci/Tech and Business are news; World and Sports are off-topic here (other). */
    private void agNews() throws IOException {
        Path csv = root.resolve("labeled/ag_news/HenryPengZou-JointMatch/data/ag_news/test.csv");
        if (!Files.exists(csv)) {
            return;
        }
        List<List<String>> rows = Csv.read(Files.readString(csv, StandardCharsets.UTF_8));
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() < 2) {
                continue;
            }
            Kind kind = switch (r.get(0).strip()) {
                case "3", "4" -> Kind.NEWS;
                case "1", "2" -> Kind.OTHER;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            String text = r.get(1).replace('\\', ' ').strip();
            // AG rows are one text: the first sentence stands in for the title
            int cut = text.indexOf(". ");
            String title = cut > 20 && cut < 160 ? text.substring(0, cut) : text.substring(0, Math.min(text.length(), 100));
            String summary = cut > 20 && cut < 160 ? text.substring(cut + 2) : text;
            add("ag-news", String.format(Locale.ROOT, "%05d", i), new ItemFeatures(title, summary, null, null, List.of(), 0,
                    hint("news", title), List.of()), kind, null);
        }
    }
}
