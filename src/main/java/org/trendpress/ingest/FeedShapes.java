package org.trendpress.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdom2.Attribute;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * What {@link FeedParser} does to a feed document before ROME maps it: shapes ROME does not read
 * turned into ones it does (CDF into RSS, RSS element names in the wrong case, Atom 0.3 base64
 * content decoded), and every link made absolute against its {@code xml:base} and the document
 * URL. Plain JDOM work, no ROME types.
 */
final class FeedShapes {

    private static final String RSS_090 = "http://my.netscape.com/rdf/simple/0.9/";
    static final String RSS_10 = "http://purl.org/rss/1.0/";

    /** RSS element names as the specs spell them, by their lower-case form. */
    private static final Map<String, String> RSS_NAMES = new HashMap<>();

    static {
        for (String name : List.of("rss", "channel", "item", "title", "link", "description", "language", "copyright",
                "managingEditor", "webMaster", "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud",
                "ttl", "image", "url", "width", "height", "rating", "skipHours", "skipDays", "hour", "day", "author",
                "comments", "enclosure", "guid", "source")) {
            RSS_NAMES.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    private FeedShapes() {}

    /**
     * Renames un-namespaced RSS elements written in another case ({@code <TiTlE>}, {@code <LINK>})
     * to their spelling in the RSS specs. XML names are case-sensitive, but podcast tooling (iTunes
     * first) reads RSS names case-insensitively and feeds rely on it; an element whose lower-case
     * name is not an RSS element is left alone.
     */
    static void rssNamesCaseInsensitive(Element element) {
        for (Element child : element.getChildren()) {
            if (child.getNamespaceURI().isEmpty()) {
                String name = child.getName();
                String canonical = RSS_NAMES.get(name.toLowerCase(Locale.ROOT));
                if (canonical != null && !canonical.equals(name)) {
                    child.setName(canonical);
                }
                rssNamesCaseInsensitive(child);
            }
        }
    }

    /**
     * Gives an {@code rss} element what ROME needs to read it: a {@code channel} (items written
     * straight under {@code rss}, or an empty document, are moved into one) and a version ROME
     * knows (an unknown one such as "2.1" is read as 2.0). Returns a warning, or null when nothing
     * changed.
     */
    static String rssChannelAndVersion(Element rss) {
        List<String> done = new ArrayList<>();
        if (rss.getChild("channel") == null) {
            Element channel = new Element("channel");
            List<org.jdom2.Content> content = new ArrayList<>(rss.getContent());
            for (org.jdom2.Content c : content) {
                c.detach();
                channel.addContent(c);
            }
            rss.addContent(channel);
            done.add("no <channel>: read the elements under <rss> as the channel");
        }
        String version = rss.getAttributeValue("version");
        if (version != null && !KNOWN_RSS_VERSIONS.contains(version.trim())) {
            rss.setAttribute("version", "2.0");
            done.add("unknown RSS version " + version.trim() + ": read as 2.0");
        }
        return done.isEmpty() ? null : String.join("; ", done);
    }

    private static final java.util.Set<String> KNOWN_RSS_VERSIONS = java.util.Set.of("0.91", "0.92", "0.93", "0.94", "2.0");

    /**
     * Decodes Atom 0.3 content constructs written with {@code mode="base64"} (title, tagline,
     * summary, content...) in place and marks them {@code mode="escaped"}, which ROME reads as the
     * text it is. ROME's own base64 decoder fails on the line breaks and indentation around real
     * base64 text. Text that is not valid base64 is left for ROME and the title fallback.
     */
    static void decodeAtom03(Element element, String atom03) {
        for (Element child : element.getChildren()) {
            if (atom03.equals(child.getNamespaceURI())) {
                String mode = child.getAttributeValue("mode");
                if (mode != null && mode.trim().equalsIgnoreCase("base64") && child.getChildren().isEmpty()) {
                    try {
                        byte[] bytes = Base64.getMimeDecoder().decode(child.getTextTrim());
                        child.setText(new String(bytes, StandardCharsets.UTF_8));
                        child.setAttribute("mode", "escaped");
                    } catch (IllegalArgumentException e) {
                        child.setAttribute("mode", "escaped"); // keep the text rather than fail the feed
                    }
                } else {
                    decodeAtom03(child, atom03);
                }
            }
        }
    }

    /**
     * Makes every link of the document absolute: the effective base of an element is its
     * {@code xml:base} resolved against its parent's (the root's parent is the document URL).
     * Rewrites Atom {@code link/@href} and {@code content/@src}, RSS {@code link} text,
     * {@code enclosure/@url}, {@code source/@url} and Media RSS {@code @url}; removes the
     * {@code xml:base} attributes (ROME would otherwise read them again) and records the base in
     * {@code bases} where it changes (read back with {@link #baseOf}), for the links inside HTML content. A reference that cannot be
     * made absolute (no base) is left as it is: the mapping drops it.
     */
    static void resolveUris(Element element, String parentBase, Map<Element, String> bases) {
        String base = parentBase;
        Attribute xmlBase = element.getAttribute("base", Namespace.XML_NAMESPACE);
        if (xmlBase != null) {
            String resolved = Links.resolveAny(parentBase, xmlBase.getValue());
            if (resolved != null) {
                base = resolved;
            }
            element.removeAttribute(xmlBase);
        }
        if (base != null) {
            if (xmlBase != null || element.getParentElement() == null) {
                bases.put(element, base); // only where the base changes: see baseOf
            }
            rewrite(element, base);
        }
        for (Element child : element.getChildren()) {
            resolveUris(child, base, bases);
        }
    }

    /** The effective base of an element after {@link #resolveUris}: its own or its nearest ancestor's. */
    static String baseOf(Element element, Map<Element, String> bases) {
        for (Element e = element; e != null; e = e.getParentElement()) {
            String base = bases.get(e);
            if (base != null) {
                return base;
            }
        }
        return null;
    }

    private static void rewrite(Element e, String base) {
        String ns = e.getNamespaceURI();
        String name = e.getName();
        boolean feedNs = ns.isEmpty() || ns.equals(FeedParser.ATOM_10) || ns.equals(FeedParser.ATOM_03)
                || ns.equals(RSS_10) || ns.equals(RSS_090);
        if (feedNs) {
            switch (name) {
                case "link" -> {
                    if (e.getAttribute("href") != null) {
                        attribute(e, "href", base);
                    } else if (e.getChildren().isEmpty()) {
                        String text = e.getText();
                        String abs = Links.resolveAny(base, text);
                        if (abs != null && !abs.equals(text)) {
                            e.setText(abs);
                        }
                    }
                }
                case "enclosure", "source" -> attribute(e, "url", base);
                case "content" -> attribute(e, "src", base);
                default -> { }
            }
        } else if (ns.equals(FeedParser.MEDIA_NS) && (name.equals("content") || name.equals("thumbnail"))) {
            attribute(e, "url", base);
        }
    }

    private static void attribute(Element e, String attr, String base) {
        String value = e.getAttributeValue(attr);
        if (value == null) {
            return;
        }
        String abs = Links.resolveAny(base, value);
        if (abs != null && !abs.equals(value)) {
            e.setAttribute(attr, abs);
        }
    }

    /**
     * Maps a CDF document (a {@code CHANNEL} with {@code HREF}, {@code BASE}, {@code LASTMOD},
     * {@code TITLE}, {@code ABSTRACT} and {@code ITEM}s, names in any case; nested channels are
     * flattened) onto an RSS 2.0 {@code rss} element, {@code BASE} becoming {@code xml:base}.
     */
    static Element cdfToRss(Element cdf) {
        Element rss = new Element("rss").setAttribute("version", "2.0");
        Element channel = new Element("channel");
        rss.addContent(channel);
        String base = attr(cdf, "base");
        if (base != null) {
            channel.setAttribute("base", base, Namespace.XML_NAMESPACE);
        }
        fill(channel, cdf, "lastBuildDate");
        List<Element> items = new ArrayList<>();
        collectItems(cdf, items);
        for (Element cdfItem : items) {
            Element item = new Element("item");
            fill(item, cdfItem, "pubDate");
            channel.addContent(item);
        }
        return rss;
    }

    private static void collectItems(Element parent, List<Element> out) {
        for (Element child : parent.getChildren()) {
            String name = child.getName().toLowerCase(Locale.ROOT);
            if (name.equals("item")) {
                out.add(child);
            } else if (name.equals("channel")) {
                collectItems(child, out);
            }
        }
    }

    private static void fill(Element target, Element cdf, String dateName) {
        add(target, "title", childText(cdf, "title"));
        add(target, "link", attr(cdf, "href"));
        add(target, "description", childText(cdf, "abstract"));
        add(target, dateName, attr(cdf, "lastmod"));
    }

    private static void add(Element target, String name, String value) {
        if (value != null) {
            target.addContent(new Element(name).setText(value));
        }
    }

    private static String attr(Element e, String lowerName) {
        for (Attribute a : e.getAttributes()) {
            if (a.getName().equalsIgnoreCase(lowerName) && a.getNamespace() == Namespace.NO_NAMESPACE) {
                return a.getValue();
            }
        }
        return null;
    }

    private static String childText(Element e, String lowerName) {
        for (Element child : e.getChildren()) {
            if (child.getName().equalsIgnoreCase(lowerName)) {
                return child.getText();
            }
        }
        return null;
    }
}
