package org.trendpress.ingest;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 (including arXiv's RSS, both the 2024 format and the
 * older RDF one) and maps every entry into an {@link Item}. The XML is read by {@link SafeXml}
 * (no external entities or DTDs, capped entity expansion, lenient repair with warnings); ROME
 * maps the resulting document. Nothing but {@link IngestException} leaves {@link #parse}.
 */
public final class FeedParser implements Connector {

    static final String ATOM_10 = "http://www.w3.org/2005/Atom";
    static final String ATOM_03 = "http://purl.org/atom/ns#";
    static final String MEDIA_NS = "http://search.yahoo.com/mrss/";
    static final String ARXIV_NS = "http://arxiv.org/schemas/atom";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    private static final Set<String> DATE_ELEMENTS =
            Set.of("pubDate", "published", "issued", "date", "created", "updated", "modified", "lastBuildDate");
    /** "arXiv:2604.21935v1 Announce Type: new Abstract: ..." (rss.arxiv.org since 2024). */
    private static final Pattern ARXIV_DESCRIPTION = Pattern.compile(
            "^\\s*arXiv:(\\S+?)(?:v(\\d+))?\\s+Announce Type:\\s*(\\S+)\\s*(?:Abstract:\\s*)?(.*)$", Pattern.DOTALL);
    /** "Title. (arXiv:2401.01234v1 [cs.LG] UPDATED)" (the RDF feed before 2024). */
    private static final Pattern ARXIV_OLD_TITLE = Pattern.compile(
            "^(.*?)\\.?\\s*\\(arXiv:(\\S+?)(?:v(\\d+))?\\s*\\[([\\w.-]+)\\](?:\\s*(UPDATED|CROSS LISTED))?\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern OAI_VERSION = Pattern.compile("oai:arXiv\\.org:\\S+?v(\\d+)$", Pattern.CASE_INSENSITIVE);

    /** Between names in one author string: commas, semicolons and the word "and". */
    private static final Pattern AUTHOR_SEPARATORS = Pattern.compile(",|;|\\band\\b");
    private static final Pattern RSS_AUTHOR = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");

    private final HtmlCleaner html = new HtmlCleaner();

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        return parse(sourceId, body, contentType, null);
    }

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType, String documentUrl) {
        try {
            SafeXml.Read read = SafeXml.read(body, contentType, "feed");
            return map(sourceId, read.document(), read.warnings(), documentUrl);
        } catch (IngestException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new IngestException("cannot parse feed: " + e.getClass().getSimpleName() + ": "
                    + oneLine(e.getMessage()), e);
        }
    }

    private ParsedFeed map(String sourceId, Document document, List<String> warnings, String documentUrl) {
        Element root = document.getRootElement();
        if (root.getName().equalsIgnoreCase("channel") && root.getNamespaceURI().isEmpty()) {
            // Channel Definition Format (Microsoft, 1997): read it as the RSS 2.0 it maps onto
            root = FeedShapes.cdfToRss(root);
            document.setRootElement(root);
            warnings.add("CDF (Channel Definition Format) read as RSS");
        }
        if (root.getName().equalsIgnoreCase("rss") && !root.getName().equals("rss") && root.getNamespaceURI().isEmpty()) {
            root.setName("rss");
        }
        if (root.getName().equals("rss") && !root.getNamespaceURI().isEmpty()) {
            // WordPress once put its own default namespace on <rss>: read those elements as plain RSS
            unNamespace(root, root.getNamespace());
        }
        if (root.getName().equals("feed") && !ATOM_10.equals(root.getNamespaceURI())
                && !ATOM_03.equals(root.getNamespaceURI())) {
            // an Atom feed under no or an unknown namespace: read it as the Atom its version names
            String target = "0.3".equals(root.getAttributeValue("version")) ? ATOM_03 : ATOM_10;
            org.jdom2.Namespace from = root.getNamespace();
            retarget(root, from, org.jdom2.Namespace.getNamespace(target));
        }
        if (root.getName().equals("rss")) {
            FeedShapes.rssNamesCaseInsensitive(root);
            String shaped = FeedShapes.rssChannelAndVersion(root);
            if (shaped != null) {
                warnings.add(shaped);
            }
        }
        if (ATOM_03.equals(root.getNamespaceURI())) {
            FeedShapes.decodeAtom03(root, ATOM_03);
        }
        if (root.getName().equals("RDF") && root.getChildren().isEmpty()) {
            // an RDF feed with nothing in it: zero items rather than a failed source
            String ns = root.getNamespace("").getURI();
            root.addContent(new Element("channel", ns.isEmpty() ? FeedShapes.RSS_10 : ns));
            warnings.add("empty RDF feed");
        }
        // xml:base and the document URL: every link made absolute before ROME maps the document
        java.util.Map<Element, String> bases = new java.util.IdentityHashMap<>();
        FeedShapes.resolveUris(root, Links.resolveAny(null, documentUrl), bases);
        java.util.Map<Element, Instant> pubDates = takePubDates(root);
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setPreserveWireFeed(false);
            feed = input.build(document);
        } catch (IllegalArgumentException e) {
            throw new IngestException("cannot parse feed: not an RSS or Atom document (root element <"
                    + root.getName() + ">)", e);
        } catch (FeedException e) {
            throw new IngestException("cannot parse feed: " + oneLine(e.getMessage()), e);
        }
        List<Element> rawEntries = rawEntries(root);
        List<SyndEntry> entries = feed.getEntries();
        boolean paired = rawEntries.size() == entries.size();
        List<Item> items = new ArrayList<>();
        Element channel = root.getChild("channel", root.getNamespace());
        Element titled = channel != null ? channel : root;
        String feedBase = FeedShapes.baseOf(titled, bases);
        for (int i = 0; i < entries.size(); i++) {
            Element raw = paired ? rawEntries.get(i) : null;
            Item item = map(sourceId, feed, entries.get(i), raw, raw == null ? feedBase : FeedShapes.baseOf(raw, bases), bases,
                    raw == null ? null : pubDates.get(raw));
            if (item != null) {
                items.add(item);
            }
        }
        String link = feed.getLink();
        if ((link == null || link.isBlank()) && feed.getLinks() != null) {
            for (SyndLink l : feed.getLinks()) {
                if (l.getHref() != null && (l.getRel() == null || "alternate".equals(l.getRel()))) {
                    link = l.getHref();
                    break;
                }
            }
        }
        String feedTitle = html.title(feed.getTitle());
        String special = specialTitle(titled);
        if (special != null) {
            feedTitle = special;
        }
        return new ParsedFeed(feedTitle, Links.resolve(feedBase, link), items, warnings, -1, -1);
    }

    private static void retarget(Element element, org.jdom2.Namespace from, org.jdom2.Namespace to) {
        if (element.getNamespace().equals(from)) {
            element.setNamespace(to);
        }
        for (Element child : element.getChildren()) {
            retarget(child, from, to);
        }
    }

    private static void unNamespace(Element element, org.jdom2.Namespace ns) {
        if (element.getNamespace().equals(ns)) {
            element.setNamespace(org.jdom2.Namespace.NO_NAMESPACE);
        }
        for (Element child : element.getChildren()) {
            unNamespace(child, ns);
        }
    }

    /** The item/entry elements in document order (RSS channel items, RDF items, Atom entries). */
    static List<Element> rawEntries(Element root) {
        List<Element> out = new ArrayList<>();
        collectEntries(root, out);
        for (Element child : root.getChildren()) {
            if (child.getName().equals("channel")) {
                collectEntries(child, out);
            }
        }
        return out;
    }

    private static void collectEntries(Element parent, List<Element> out) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals("item") || child.getName().equals("entry")) {
                out.add(child);
            }
        }
    }

    /**
     * @param base  the entry's effective base URL (xml:base over the document URL), or null
     * @param bases the base URLs where the document's xml:base changes them (see {@link FeedShapes#baseOf})
     */
    Item map(String sourceId, SyndFeed feed, SyndEntry entry, Element raw, String base,
            java.util.Map<Element, String> bases, Instant pubDate) {
        String title = html.title(entry.getTitle());
        String special = raw == null ? null : specialTitle(raw);
        if (special != null) {
            title = special;
        }
        String link = Links.resolve(base, entry.getLink());
        if (link == null) {
            link = Links.resolve(base, alternateLink(entry));
        }
        String rawSummary = summaryHtml(entry);
        String contentBase = raw == null ? base : contentBase(raw, base, bases);

        // arXiv: the 2024 RSS description and the old RDF title carry id, version and announce type
        String arxivVersionText = null;
        String announceType = raw == null ? null : childText(raw, "announce_type", ARXIV_NS);
        String primaryCategory = null;
        String arxivFromText = null;
        HtmlCleaner.Fragment fragment = html.read(rawSummary, contentBase);
        Matcher desc = ARXIV_DESCRIPTION.matcher(fragment.text());
        if (desc.matches()) {
            arxivFromText = desc.group(1);
            arxivVersionText = desc.group(2);
            if (announceType == null) {
                announceType = desc.group(3);
            }
            String abstractText = desc.group(4).trim();
            rawSummary = escape(abstractText);
            fragment = html.read(rawSummary);
        }
        Matcher oldTitle = ARXIV_OLD_TITLE.matcher(title);
        if (oldTitle.matches()) {
            title = oldTitle.group(1).trim();
            arxivFromText = oldTitle.group(2);
            arxivVersionText = oldTitle.group(3);
            primaryCategory = oldTitle.group(4);
            if (announceType == null && oldTitle.group(5) != null) {
                announceType = oldTitle.group(5).startsWith("UPDATED") ? "replace" : "cross";
            }
        }
        if (arxivVersionText == null && entry.getUri() != null) {
            Matcher v = OAI_VERSION.matcher(entry.getUri().trim());
            if (v.find()) {
                arxivVersionText = v.group(1);
            }
        }

        String summaryHtml = fragment.html(); // sanitised in the same pass
        String summaryText = fragment.text();
        if (title.isBlank()) {
            title = summaryText.length() > 120 ? summaryText.substring(0, 117) + "..." : summaryText;
        }
        if (title.isBlank() && link == null) {
            return null; // nothing to show or to link: not an item
        }
        String guid = firstNonBlank(entry.getUri(), link);
        if (guid == null) {
            guid = sha256(title + "\n" + summaryText); // only then: it hashed every item's text when it was an argument
        }

        Set<String> links = new LinkedHashSet<>();
        for (SyndLink l : entry.getLinks()) {
            addLink(links, base, l.getHref());
        }
        for (SyndEnclosure e : entry.getEnclosures()) {
            addLink(links, base, e.getUrl());
        }
        if (raw != null) {
            mediaLinks(raw, links, base);
        }
        links.addAll(fragment.links());
        if (link != null) {
            links.remove(link);
        }

        String idText = String.join(" ", nullToEmpty(link), nullToEmpty(entry.getUri()), String.join(" ", links),
                summaryText);
        String arxivId = Links.arxivId(nullToEmpty(link) + " " + nullToEmpty(entry.getUri())).orElse(
                arxivFromText != null ? Links.arxivId("arXiv:" + arxivFromText).orElse(stripVersion(arxivFromText))
                        : Links.arxivId(idText).orElse(null));
        String doi = Links.doi(idText).orElse(null);

        List<String> categories = new ArrayList<>();
        for (SyndCategory c : entry.getCategories()) {
            String name = c.getName() == null ? null : c.getName().trim();
            if (name != null && !name.isEmpty() && !categories.contains(name)) {
                categories.add(name);
            }
        }
        ItemDetails details = ItemDetails.NONE;
        boolean arxiv = arxivFromText != null || announceType != null;
        if (arxiv || !categories.isEmpty()) {
            String pdf = null;
            if (arxiv && arxivId != null) {
                pdf = "https://arxiv.org/pdf/" + arxivId + (arxivVersionText == null ? "" : "v" + arxivVersionText);
            }
            List<String> cats = new ArrayList<>(categories);
            if (primaryCategory != null) {
                cats.remove(primaryCategory);
                cats.add(0, primaryCategory);
            }
            details = new ItemDetails(primaryCategory, arxiv ? cats : List.of(), null, null, pdf,
                    arxivVersionText == null ? 0 : Integer.parseInt(arxivVersionText),
                    announceType == null ? null : announceType.trim().toLowerCase(Locale.ROOT), 0, 0, null, 0, null,
                    arxiv ? List.of() : categories, null);
        }
        return new Item(sourceId, guid, link, Links.canonical(link), title, summaryHtml, summaryText,
                authors(entry, raw), arxivId, doi, published(entry, raw, pubDate), new ArrayList<>(links), details);
    }

    private static String stripVersion(String id) {
        return id.replaceFirst("v\\d+$", "");
    }

    /**
     * A title ROME does not read: base64 (Atom 0.3 {@code mode="base64"}, Atom 1.0 non-text type),
     * or, when there is no plain title, dc:title or media:title. Null when ROME's title stands.
     */
    private String specialTitle(Element parent) {
        Element plain = null;
        Element dc = null;
        Element media = null;
        for (Element child : parent.getChildren()) {
            if (!child.getName().equals("title")) {
                continue;
            }
            String ns = child.getNamespaceURI();
            if (ns.contains("purl.org/dc/")) {
                dc = dc == null ? child : dc;
            } else if (MEDIA_NS.equals(ns)) {
                media = media == null ? child : media;
            } else if (plain == null) {
                plain = child;
            }
        }
        if (plain != null) {
            String type = plain.getAttributeValue("type");
            boolean base64 = "base64".equals(plain.getAttributeValue("mode"))
                    || (type != null && type.contains("/") && !type.startsWith("text/") && !type.endsWith("xml"));
            if (base64) {
                try {
                    byte[] bytes = java.util.Base64.getMimeDecoder().decode(plain.getTextTrim());
                    return html.text(new String(bytes, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            if (!plain.getTextTrim().isEmpty() || !plain.getChildren().isEmpty()) {
                return null;
            }
        }
        Element fallback = dc != null ? dc : media;
        return fallback == null ? null : html.text(fallback.getText());
    }

    private static void mediaLinks(Element raw, Set<String> links, String base) {
        for (Element child : raw.getChildren()) {
            if (!MEDIA_NS.equals(child.getNamespaceURI())) {
                continue;
            }
            if (child.getName().equals("group")) {
                mediaLinks(child, links, base);
            } else if (child.getName().equals("content") || child.getName().equals("thumbnail")) {
                addLink(links, base, child.getAttributeValue("url"));
                for (Element inner : child.getChildren("thumbnail", child.getNamespace())) {
                    addLink(links, base, inner.getAttributeValue("url"));
                }
            }
        }
    }

    /** Adds {@code ref} as an absolute http(s) link, or nothing when it cannot be one. */
    private static void addLink(Set<String> links, String base, String ref) {
        String abs = Links.resolve(base, ref);
        if (abs != null) {
            links.add(abs);
        }
    }

    /** The base of the entry's content: a content/summary/description child's own xml:base, else the entry's. */
    private static String contentBase(Element raw, String base, java.util.Map<Element, String> bases) {
        for (Element child : raw.getChildren()) {
            String name = child.getName();
            if (name.equals("content") || name.equals("summary") || name.equals("description") || name.equals("encoded")) {
                String b = bases.get(child); // set only when the child has its own xml:base
                if (b != null) {
                    return b;
                }
            }
        }
        return base;
    }

    private static String childText(Element raw, String name, String ns) {
        for (Element child : raw.getChildren()) {
            if (child.getName().equals(name) && ns.equals(child.getNamespaceURI())) {
                String t = child.getTextTrim();
                return t.isEmpty() ? null : t;
            }
        }
        return null;
    }

    private static String alternateLink(SyndEntry entry) {
        for (SyndLink l : entry.getLinks()) {
            if (l.getHref() != null && (l.getRel() == null || "alternate".equals(l.getRel()))) {
                return l.getHref();
            }
        }
        return null;
    }

    private static String summaryHtml(SyndEntry entry) {
        // the string itself, not copies of it through a builder (a body of a few kilobytes per item)
        String longest = "";
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && c.getValue().length() > longest.length()) {
                longest = escapeIfText(c);
            }
        }
        if (longest.isEmpty() && entry.getDescription() != null && entry.getDescription().getValue() != null) {
            longest = escapeIfText(entry.getDescription());
        }
        return longest;
    }

    private static String escapeIfText(SyndContent c) {
        String type = c.getType();
        String v = c.getValue();
        if (type != null && (type.equals("text") || type.equals("text/plain"))) {
            return escape(v);
        }
        return v;
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private List<String> authors(SyndEntry entry, Element raw) {
        List<String> names = new ArrayList<>();
        for (SyndPerson p : entry.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                addSplit(names, p.getName());
            }
        }
        if (names.isEmpty() && raw != null) {
            for (Element child : raw.getChildren()) {
                // dc:creator, also under the https:// spelling of the Dublin Core namespace
                if (child.getName().equals("creator") && child.getNamespaceURI().contains("purl.org/dc/")) {
                    addSplit(names, child.getText());
                }
            }
        }
        if (names.isEmpty() && raw != null) {
            for (Element child : raw.getChildren()) {
                if (child.getName().equals("author") && child.getNamespaceURI().isEmpty()) {
                    Element name = child.getChild("name", child.getNamespace());
                    addSplit(names, name != null ? name.getText() : rssAuthor(child.getText()));
                }
            }
        }
        if (names.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            addSplit(names, rssAuthor(entry.getAuthor()));
        }
        return names;
    }

    /** RSS 2.0 wants "email (Name)": keep the name. */
    private static String rssAuthor(String value) {
        Matcher m = RSS_AUTHOR.matcher(value == null ? "" : value.trim());
        return m.matches() ? m.group(1) : value;
    }

    /** dc:creator and RSS author are one string, often "A. One, B. Two and C. Three". */
    private void addSplit(List<String> names, String value) {
        String text = html.text(value);
        for (String part : AUTHOR_SEPARATORS.split(text)) {
            String name = part.trim();
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
    }

    /**
     * Takes the {@code pubDate} out of every RSS 0.9x/2.0 item whose date {@link FeedDates} reads,
     * and returns those dates by item element. ROME reads a date by trying W3C masks before RFC 822
     * ones, a new {@code SimpleDateFormat} per mask: for RSS dates that was a sixth of the parse.
     * A date {@link FeedDates} cannot read stays in place for ROME. {@link #published} then gives
     * the same answer as before: ROME's published date (dc:date wins over pubDate there), else the
     * taken pubDate.
     */
    private static java.util.Map<Element, Instant> takePubDates(Element root) {
        java.util.Map<Element, Instant> dates = new java.util.IdentityHashMap<>();
        if (!root.getName().equals("rss") || !root.getNamespaceURI().isEmpty()) {
            return dates;
        }
        for (Element channel : root.getChildren("channel")) {
            for (Element item : channel.getChildren("item")) {
                List<Element> pubDates = item.getChildren("pubDate");
                if (pubDates.size() != 1) {
                    continue;
                }
                Instant at = FeedDates.parse(pubDates.get(0).getText());
                if (at != null) {
                    dates.put(item, at);
                    item.removeChild("pubDate");
                }
            }
        }
        return dates;
    }

    private static Instant published(SyndEntry entry, Element raw, Instant pubDate) {
        if (entry.getPublishedDate() != null) {
            return entry.getPublishedDate().toInstant();
        }
        if (pubDate != null) {
            return pubDate;
        }
        Date d = entry.getUpdatedDate();
        if (d != null) {
            return d.toInstant();
        }
        if (raw == null) {
            return null;
        }
        // ROME could not read it: try the forms it misses, published before updated
        for (String name : List.of("pubDate", "published", "issued", "date", "created", "updated", "modified")) {
            for (Element child : raw.getChildren()) {
                if (child.getName().equals(name) && DATE_ELEMENTS.contains(name)) {
                    Instant i = FeedDates.parse(child.getText());
                    if (i != null) {
                        return i;
                    }
                }
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
