package org.trendpress.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Connector for the arXiv API (Atom with the arxiv and opensearch namespaces), in both its 2026
 * serialisation (prefixes on the root, {@code rel="related" title="pdf"}) and the older one
 * (opensearch declared inline, {@code <link title="pdf">}). Reads the document through
 * {@link SafeXml} and walks it directly: ROME's Atom mapping loses the arxiv elements' order and
 * the opensearch paging facts. An API error entry becomes an {@link IngestException}.
 */
final class ArxivApiParser implements Connector {

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final String ARXIV_NS = "http://arxiv.org/schemas/atom";
    private static final Set<String> OPENSEARCH_NS =
            Set.of("http://a9.com/-/spec/opensearch/1.1/", "http://a9.com/-/spec/opensearchrss/1.0/");
    /** The id in an abs URL, with its version: 2401.01234v2 or hep-th/9901001v1. */
    private static final Pattern ABS_ID = Pattern.compile(
            "arxiv\\.org/(?:abs|pdf)/((?:\\d{4}\\.\\d{4,5})|(?:[a-z\\-]+(?:\\.[A-Z]{2})?/\\d{7}))(?:v(\\d+))?",
            Pattern.CASE_INSENSITIVE);

    private final HtmlCleaner html = new HtmlCleaner();

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        try {
            SafeXml.Read read = SafeXml.read(body, contentType, "arXiv API response");
            return map(sourceId, read.document(), read.warnings());
        } catch (IngestException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new IngestException("cannot parse arXiv API response: " + e.getClass().getSimpleName() + ": "
                    + FeedParser.oneLine(e.getMessage()), e);
        }
    }

    private ParsedFeed map(String sourceId, Document doc, List<String> warnings) {
        Element root = doc.getRootElement();
        if (!root.getName().equals("feed") || !ATOM.getURI().equals(root.getNamespaceURI())) {
            throw new IngestException("cannot parse arXiv API response: not an Atom feed (root element <"
                    + root.getName() + ">)");
        }
        List<Element> entries = root.getChildren("entry", ATOM);
        for (Element entry : entries) {
            String id = text(entry, "id");
            if (id != null && id.contains("arxiv.org/api/errors")) {
                String reason = firstNonBlank(text(entry, "summary"), text(entry, "title"), id);
                throw new IngestException("arXiv API error: " + FeedParser.oneLine(reason));
            }
        }
        int total = -1;
        int start = -1;
        for (Element child : root.getChildren()) {
            if (OPENSEARCH_NS.contains(child.getNamespaceURI())) {
                if (child.getName().equals("totalResults")) {
                    total = intOr(child.getTextTrim(), -1);
                } else if (child.getName().equals("startIndex")) {
                    start = intOr(child.getTextTrim(), -1);
                }
            }
        }
        List<Item> items = new ArrayList<>();
        for (Element entry : entries) {
            Item item = entry(sourceId, entry);
            if (item != null) {
                items.add(item);
            }
        }
        String link = null;
        for (Element l : root.getChildren("link", ATOM)) {
            link = l.getAttributeValue("href");
            if (link != null) {
                break;
            }
        }
        return new ParsedFeed(html.text(text(root, "title")), link, items, warnings, total, start);
    }

    private Item entry(String sourceId, Element entry) {
        String idUrl = text(entry, "id");
        String title = html.text(text(entry, "title"));
        String abstractText = text(entry, "summary");
        abstractText = abstractText == null ? "" : abstractText.replaceAll("\\s+", " ").trim();
        String alternate = null;
        String pdf = null;
        Set<String> links = new LinkedHashSet<>();
        for (Element l : entry.getChildren("link", ATOM)) {
            String href = l.getAttributeValue("href");
            if (href == null || href.isBlank()) {
                continue;
            }
            href = href.trim();
            String rel = l.getAttributeValue("rel");
            if ("pdf".equals(l.getAttributeValue("title")) || "application/pdf".equals(l.getAttributeValue("type"))) {
                pdf = href;
            } else if ((rel == null || rel.equals("alternate")) && alternate == null) {
                alternate = href;
            }
            links.add(href);
        }
        String idSource = firstNonBlank(idUrl, alternate);
        String arxivId = null;
        int version = 0;
        if (idSource != null) {
            Matcher m = ABS_ID.matcher(idSource);
            if (m.find()) {
                arxivId = m.group(1);
                version = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            }
        }
        if (arxivId == null) {
            arxivId = Links.arxivId(String.join(" ", links)).orElse(null);
        }
        if (title.isBlank() && arxivId == null) {
            return null;
        }
        String link = alternate != null ? alternate : idUrl;
        if (link != null) {
            links.remove(link);
        }
        List<String> authors = new ArrayList<>();
        for (Element a : entry.getChildren("author", ATOM)) {
            String name = text(a, "name");
            if (name != null && !name.isBlank()) {
                authors.add(name.replaceAll("\\s+", " ").trim());
            }
        }
        String primary = null;
        List<String> categories = new ArrayList<>();
        String comment = null;
        String journalRef = null;
        String doi = null;
        for (Element child : entry.getChildren()) {
            if (ARXIV_NS.equals(child.getNamespaceURI())) {
                switch (child.getName()) {
                    case "primary_category" -> primary = child.getAttributeValue("term");
                    case "comment" -> comment = oneLineOrNull(child.getText());
                    case "journal_ref" -> journalRef = oneLineOrNull(child.getText());
                    case "doi" -> doi = oneLineOrNull(child.getText());
                    default -> { }
                }
            } else if (child.getName().equals("category") && ATOM.getURI().equals(child.getNamespaceURI())) {
                String term = child.getAttributeValue("term");
                if (term != null && !term.isBlank() && !categories.contains(term.trim())) {
                    categories.add(term.trim());
                }
            }
        }
        if (primary != null) {
            categories.remove(primary);
            categories.add(0, primary);
        }
        if (doi != null) {
            doi = Links.doi(doi).orElse(doi.toLowerCase(java.util.Locale.ROOT));
        } else {
            doi = Links.doi(String.join(" ", links)).orElse(null);
        }
        Instant published = FeedDates.parse(text(entry, "published"));
        if (published == null) {
            published = FeedDates.parse(text(entry, "updated"));
        }
        ItemDetails details = new ItemDetails(primary, categories, comment, journalRef, pdf, version, null, 0, 0,
                null, 0, null, List.of(), null);
        String guid = firstNonBlank(idUrl, link, arxivId);
        return new Item(sourceId, guid, link, Links.canonical(link), title, abstractText.isEmpty() ? ""
                : html.sanitise(escape(abstractText)), abstractText, authors, arxivId, doi, published,
                new ArrayList<>(links), details);
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String text(Element parent, String name) {
        Element e = parent.getChild(name, ATOM);
        return e == null ? null : e.getText();
    }

    private static String oneLineOrNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.isEmpty() ? null : t;
    }

    private static int intOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
