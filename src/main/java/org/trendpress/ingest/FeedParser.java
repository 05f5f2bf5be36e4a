package org.trendpress.ingest;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdom2.Element;

/**
 * Parses RSS and Atom bytes with ROME and maps every entry into an {@link Item}. ROME's own
 * hardening stays on: DOCTYPE declarations are refused, so no external entity or DTD is read.
 */
public final class FeedParser implements Connector {

    private final HtmlCleaner html = new HtmlCleaner();

    @Override
    public ParsedFeed parse(String sourceId, byte[] body, String contentType) {
        SyndFeed feed;
        try (XmlReader reader = contentType == null
                ? new XmlReader(new ByteArrayInputStream(body))
                : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            SyndFeedInput input = new SyndFeedInput();
            input.setPreserveWireFeed(false);
            feed = input.build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new IngestException("cannot parse feed: " + oneLine(e.getMessage()), e);
        }
        List<Item> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            Item item = map(sourceId, feed, entry);
            if (item != null) {
                items.add(item);
            }
        }
        return new ParsedFeed(html.text(feed.getTitle()), feed.getLink(), items);
    }

    Item map(String sourceId, SyndFeed feed, SyndEntry entry) {
        String title = html.text(entry.getTitle());
        String link = firstNonBlank(entry.getLink(), alternateLink(entry));
        if (link != null) {
            link = link.trim();
        }
        String rawSummary = summaryHtml(entry);
        String summaryHtml = html.sanitise(rawSummary);
        String summaryText = html.text(rawSummary);
        if (title.isBlank()) {
            title = summaryText.length() > 120 ? summaryText.substring(0, 117) + "..." : summaryText;
        }
        if (title.isBlank() && link == null) {
            return null; // nothing to show or to link: not an item
        }
        String guid = firstNonBlank(entry.getUri(), link, sha256(title + "\n" + summaryText));

        Set<String> links = new LinkedHashSet<>();
        for (SyndLink l : entry.getLinks()) {
            if (l.getHref() != null && !l.getHref().isBlank()) {
                links.add(l.getHref().trim());
            }
        }
        for (SyndEnclosure e : entry.getEnclosures()) {
            if (e.getUrl() != null && !e.getUrl().isBlank()) {
                links.add(e.getUrl().trim());
            }
        }
        links.addAll(html.links(rawSummary));
        if (link != null) {
            links.remove(link);
        }

        String idText = String.join(" ", nullToEmpty(link), nullToEmpty(entry.getUri()), String.join(" ", links),
                summaryText);
        String arxivId = Links.arxivId(nullToEmpty(link) + " " + nullToEmpty(entry.getUri())).orElse(
                Links.arxivId(idText).orElse(null));
        String doi = Links.doi(idText).orElse(null);
        return new Item(sourceId, guid, link, Links.canonical(link), title, summaryHtml, summaryText,
                authors(entry, feed), arxivId, doi, published(entry), new ArrayList<>(links));
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
        StringBuilder longest = new StringBuilder();
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && c.getValue().length() > longest.length()) {
                longest.setLength(0);
                longest.append(escapeIfText(c));
            }
        }
        if (longest.length() == 0 && entry.getDescription() != null && entry.getDescription().getValue() != null) {
            longest.append(escapeIfText(entry.getDescription()));
        }
        return longest.toString();
    }

    private static String escapeIfText(SyndContent c) {
        String type = c.getType();
        String v = c.getValue();
        if (type != null && (type.equals("text") || type.equals("text/plain"))) {
            return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
        return v;
    }

    private List<String> authors(SyndEntry entry, SyndFeed feed) {
        List<String> names = new ArrayList<>();
        for (SyndPerson p : entry.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                names.add(html.text(p.getName()));
            }
        }
        if (names.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            // dc:creator and RSS author: one string, often "A. One, B. Two and C. Three"
            for (String part : html.text(entry.getAuthor()).split(",|;|\\band\\b")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        }
        for (Element foreign : entry.getForeignMarkup()) {
            if ("creator".equals(foreign.getName()) && names.isEmpty()) {
                names.add(foreign.getTextTrim());
            }
        }
        return names;
    }

    private static Instant published(SyndEntry entry) {
        Date d = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        return d == null ? null : d.toInstant();
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
