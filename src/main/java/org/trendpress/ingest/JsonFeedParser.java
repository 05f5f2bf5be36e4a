package org.trendpress.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Connector for JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1 and /1.1): the feed's title
 * and home page, and per item its id, url, external_url, title, content_html or content_text,
 * summary, dates, author (1.0) or authors (1.1, falling back to the feed's), tags and attachments.
 * A document without a JSON Feed version but with an {@code items} array is read with a warning.
 *
 * <p>Relative URLs (item url, external_url, attachments, links in content_html) resolve against the
 * feed's {@code feed_url}, else the URL the document was read from, else {@code home_page_url};
 * only http(s) results are kept.
 */
final class JsonFeedParser implements Connector {

    private final HtmlCleaner html = new HtmlCleaner();

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        return parse(sourceId, body, contentType, null);
    }

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType, String documentUrl) {
        JsonNode root = HfDailyParser.readJson(body, "JSON Feed");
        if (!root.isObject()) {
            throw new IngestException("not a JSON Feed: expected an object, found " + HfDailyParser.describe(root));
        }
        List<String> warnings = new ArrayList<>();
        String version = HfDailyParser.text(root, "version");
        if (version == null || !version.contains("jsonfeed.org/version/")) {
            if (!root.path("items").isArray()) {
                throw new IngestException("not a JSON Feed: no version and no items array");
            }
            warnings.add("no JSON Feed version; read as version 1.1");
        } else if (!version.matches("https?://jsonfeed\\.org/version/1(\\.1)?/?")) {
            warnings.add("unknown JSON Feed version " + version + "; read as version 1.1");
        }
        JsonNode items = root.path("items");
        if (!items.isMissingNode() && !items.isArray()) {
            throw new IngestException("not a JSON Feed: items is " + HfDailyParser.describe(items));
        }
        List<String> feedAuthors = authors(root);
        String base = base(root, documentUrl);
        List<Item> out = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : items) {
            Item item = entry.isObject() ? map(sourceId, entry, feedAuthors, base) : null;
            if (item == null) {
                warnings.add("item " + index + " skipped: no id, url, title or content");
            } else {
                out.add(item);
            }
            index++;
        }
        return new ParsedFeed(html.title(HfDailyParser.text(root, "title")),
                url(base, HfDailyParser.text(root, "home_page_url")), out, warnings, -1, -1);
    }

    /** The base for relative URLs: feed_url, else the document's own URL, else home_page_url. */
    static String base(JsonNode root, String documentUrl) {
        String document = Links.resolveAny(null, documentUrl);
        String feedUrl = url(document, HfDailyParser.text(root, "feed_url"));
        if (feedUrl != null) {
            return feedUrl;
        }
        if (document != null && Links.isHttp(document)) {
            return document;
        }
        String home = url(document, HfDailyParser.text(root, "home_page_url"));
        return home != null ? home : document;
    }

    private Item map(String sourceId, JsonNode entry, List<String> feedAuthors, String base) {
        String url = url(base, HfDailyParser.text(entry, "url"));
        String externalUrl = url(base, HfDailyParser.text(entry, "external_url"));
        String link = url != null ? url : externalUrl;

        String contentHtml = HfDailyParser.text(entry, "content_html");
        String contentText = HfDailyParser.text(entry, "content_text");
        String summary = HfDailyParser.text(entry, "summary");
        String rawHtml = contentHtml != null ? contentHtml
                : contentText != null ? HfDailyParser.paragraphs(contentText)
                : summary != null ? HfDailyParser.paragraphs(summary) : "";
        HtmlCleaner.Fragment fragment = html.read(rawHtml, base);
        String summaryHtml = fragment.html(); // sanitised in the same pass
        String summaryText = fragment.text();

        String title = html.title(HfDailyParser.text(entry, "title"));
        if (title.isEmpty()) {
            // JSON Feed allows items without a title (microblog posts): show the start of the text
            String text = summary != null ? html.text(summary) : summaryText;
            title = text.length() > 120 ? text.substring(0, 117) + "..." : text;
        }
        String id = HfDailyParser.text(entry, "id");
        if (title.isEmpty() && link == null) {
            return null; // nothing to show or to link
        }
        String guid = id != null ? id.strip() : link != null ? link : "sha256:" + sha256(title + "\n" + summaryText);

        Set<String> links = new LinkedHashSet<>();
        if (externalUrl != null) {
            links.add(externalUrl);
        }
        for (JsonNode a : entry.path("attachments")) {
            String u = url(base, HfDailyParser.text(a, "url"));
            if (u != null) {
                links.add(u);
            }
        }
        if (contentHtml != null) {
            links.addAll(fragment.links());
        }
        if (link != null) {
            links.remove(link);
        }

        List<String> authors = authors(entry);
        if (authors.isEmpty()) {
            authors = feedAuthors;
        }
        List<String> keywords = new ArrayList<>();
        for (JsonNode t : entry.path("tags")) {
            String tag = t.isTextual() ? html.text(t.asText()) : "";
            if (!tag.isEmpty() && !keywords.contains(tag)) {
                keywords.add(tag);
            }
        }
        Instant published = PageMetaParser.parseDate(HfDailyParser.text(entry, "date_published"));
        if (published == null) {
            published = PageMetaParser.parseDate(HfDailyParser.text(entry, "date_modified"));
        }

        String idText = String.join(" ", link == null ? "" : link, id == null ? "" : id, String.join(" ", links),
                summaryText);
        String arxivId = Links.arxivId((link == null ? "" : link) + " " + (id == null ? "" : id))
                .or(() -> Links.arxivId(idText)).orElse(null);
        int arxivVersion = arxivId == null ? 0 : Links.arxivVersion(idText);
        String doi = Links.doi(idText).orElse(null);
        ItemDetails details = keywords.isEmpty() && arxivVersion == 0 ? ItemDetails.NONE
                : new ItemDetails(null, List.of(), null, null, null, arxivVersion, null, 0, 0, null, 0, null,
                        keywords, null);
        return new Item(sourceId, guid, link, Links.canonical(link), title, summaryHtml, summaryText, authors,
                arxivId, doi, published, new ArrayList<>(links), details);
    }

    /** Names from {@code authors} (1.1) or {@code author} (1.0), in order; a name-less author gives its url. */
    private List<String> authors(JsonNode node) {
        List<String> names = new ArrayList<>();
        List<JsonNode> people = new ArrayList<>();
        node.path("authors").forEach(people::add);
        if (people.isEmpty() && node.has("author")) {
            people.add(node.get("author"));
        }
        for (JsonNode p : people) {
            String name = p.isTextual() ? p.asText() : HfDailyParser.text(p, "name");
            if (name == null && p.isObject()) {
                name = HfDailyParser.text(p, "url");
            }
            String clean = html.text(name);
            if (!clean.isEmpty() && !names.contains(clean)) {
                names.add(clean);
            }
        }
        return names;
    }

    /** {@code s} as an absolute http(s) URL against {@code base}, or null (blank, inner whitespace, other schemes). */
    private static String url(String base, String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() || t.chars().anyMatch(Character::isWhitespace) ? null : Links.resolve(base, t);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
