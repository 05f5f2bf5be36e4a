package org.trendpress.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Connector for Hugging Face Daily Papers JSON ({@code api/daily_papers} by date or month): an array
 * of entries, each with a {@code paper} object (id = arXiv id, title, summary, authors, upvotes,
 * githubRepo, githubStars, projectPage, ai_keywords, organization) beside the entry's own
 * {@code title}, {@code publishedAt}, {@code numComments} and {@code organization}. Trimmed captures
 * carry only some of these (title and publishedAt beside the paper, no authors); a bare paper
 * object ({@code api/papers/<id>}) or an object wrapping the array is read too.
 */
final class HfDailyParser implements Connector {

    static final String PAPERS_HOME = "https://huggingface.co/papers";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final HtmlCleaner html = new HtmlCleaner();

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        JsonNode root = readJson(body, "Hugging Face Daily Papers");
        JsonNode entries = entries(root);
        if (entries == null) {
            throw new IngestException("not Hugging Face Daily Papers JSON: expected an array of papers, found "
                    + describe(root));
        }
        List<Item> items = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : entries) {
            Item item = entry.isObject() ? map(sourceId, entry) : null;
            if (item == null) {
                warnings.add("entry " + index + " skipped: no paper id or title");
            } else {
                items.add(item);
            }
            index++;
        }
        if (items.isEmpty() && !entries.isEmpty()) {
            throw new IngestException("not Hugging Face Daily Papers JSON: none of " + entries.size()
                    + " entries has a paper id or title");
        }
        return new ParsedFeed("Hugging Face Daily Papers", PAPERS_HOME, items, warnings, -1, -1);
    }

    /** Reads JSON bytes (UTF-8/16/32, with or without byte-order mark) or fails with a one-line reason. */
    static JsonNode readJson(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new IngestException("empty " + what + " body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IngestException("cannot parse " + what + " JSON: " + oneLine(e.getOriginalMessage())
                    + locationOf(e));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IngestException("cannot read " + what + " JSON: " + oneLine(String.valueOf(e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new IngestException("empty " + what + " body");
        }
        return root;
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return "an object with " + (names.isEmpty() ? "no fields"
                    : "fields " + String.join(", ", names.subList(0, Math.min(6, names.size()))));
        }
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return type.equals("null") ? "null" : (type.startsWith("a") ? "an " : "a ") + type;
    }

    /** The array of entries: the root array, an array under a wrapping object, or one paper. */
    private static JsonNode entries(JsonNode root) {
        if (root.isArray()) {
            return root;
        }
        if (!root.isObject()) {
            return null;
        }
        for (String field : List.of("papers", "dailyPapers", "daily_papers", "items", "data", "results")) {
            if (root.path(field).isArray()) {
                return root.get(field);
            }
        }
        if (root.path("paper").isObject() || (root.hasNonNull("id") && root.hasNonNull("title"))) {
            return JSON.createArrayNode().add(root);
        }
        return null;
    }

    private Item map(String sourceId, JsonNode entry) {
        JsonNode paper = entry.path("paper").isObject() ? entry.get("paper") : entry;
        String id = text(paper, "id");
        if (id == null && paper != entry) {
            id = text(entry, "id");
        }
        String title = plain(first(text(paper, "title"), text(entry, "title")));
        if (id == null || title.isEmpty() && !Links.isArxivId(id)) {
            return null;
        }
        id = id.strip();
        boolean arxiv = Links.isArxivId(id);
        String arxivId = arxiv ? Links.arxivId("arXiv:" + id).orElse(null) : null;
        int version = arxiv ? Links.arxivVersion("arXiv:" + id) : 0;
        String pageId = arxivId != null ? arxivId : id;
        String url = PAPERS_HOME + "/" + pageId;
        if (title.isEmpty()) {
            title = pageId;
        }

        String summary = first(text(paper, "summary"), text(entry, "summary"), text(paper, "ai_summary"));
        String summaryHtml = summary == null ? "" : html.sanitise(paragraphs(summary));
        String summaryText = plain(summary);

        List<String> authors = new ArrayList<>();
        for (JsonNode a : paper.path("authors")) {
            String name = a.isTextual() ? a.asText() : first(text(a, "name"), text(a.path("user"), "fullname"));
            if (name != null && !name.isBlank()) {
                authors.add(plain(name));
            }
        }

        Instant published = firstDate(text(paper, "publishedAt"), text(entry, "publishedAt"),
                text(paper, "submittedOnDailyAt"), text(entry, "submittedOnDailyAt"));

        String codeUrl = url(first(text(paper, "githubRepo"), text(entry, "githubRepo")));
        String projectUrl = url(first(text(paper, "projectPage"), text(entry, "projectPage")));
        Set<String> links = new LinkedHashSet<>();
        if (arxivId != null) {
            links.add(Links.arxivAbsUrl(arxivId));
        }
        if (codeUrl != null) {
            links.add(codeUrl);
        }
        if (projectUrl != null) {
            links.add(projectUrl);
        }

        List<String> keywords = new ArrayList<>();
        for (JsonNode k : paper.path("ai_keywords")) {
            if (k.isTextual() && !k.asText().isBlank() && !keywords.contains(k.asText().strip())) {
                keywords.add(k.asText().strip());
            }
        }
        ItemDetails details = new ItemDetails(null, List.of(), null, null,
                arxivId == null ? null : "https://arxiv.org/pdf/" + arxivId, version, null,
                integer(paper, entry, "upvotes"), integer(entry, paper, "numComments"), codeUrl,
                integer(paper, entry, "githubStars"), projectUrl, keywords,
                organisation(first(node(paper, "organization"), node(entry, "organization"))));

        String doi = Links.doi(summaryText).orElse(null);
        return new Item(sourceId, pageId, url, Links.canonical(url), title, summaryHtml, summaryText, authors,
                arxivId, doi, published, new ArrayList<>(links), details);
    }

    /** Plain text (which may hold a literal {@code <} or {@code &}) with whitespace collapsed. */
    static String plain(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** Plain text as HTML paragraphs (blank lines separate them), escaped. */
    static String paragraphs(String text) {
        StringBuilder sb = new StringBuilder();
        for (String para : text.strip().split("\\n\\s*\\n")) {
            if (!para.isBlank()) {
                sb.append("<p>").append(escape(para.strip().replaceAll("\\s+", " "))).append("</p>");
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String organisation(JsonNode org) {
        if (org == null) {
            return null;
        }
        if (org.isTextual()) {
            return org.asText().isBlank() ? null : org.asText().strip();
        }
        return first(text(org, "fullname"), text(org, "name"));
    }

    private static Instant firstDate(String... candidates) {
        for (String c : candidates) {
            Instant t = PageMetaParser.parseDate(c);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static String url(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.startsWith("https://") || t.startsWith("http://") ? t : null;
    }

    /** A non-negative count from the first of two objects that has it (numbers or numeric strings). */
    private static int integer(JsonNode a, JsonNode b, String field) {
        for (JsonNode n : List.of(a.path(field), b.path(field))) {
            if (n.isNumber()) {
                return (int) Math.max(0, Math.min(Integer.MAX_VALUE, n.asLong()));
            }
            if (n.isTextual() && n.asText().strip().matches("\\d{1,9}")) {
                return Integer.parseInt(n.asText().strip());
            }
        }
        return 0;
    }

    private static JsonNode node(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** A field's text (strings and numbers), or null when absent, null or blank. */
    static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || !(n.isTextual() || n.isNumber())) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    @SafeVarargs
    static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
