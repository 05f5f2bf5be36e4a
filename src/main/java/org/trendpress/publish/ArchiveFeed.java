package org.trendpress.publish;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

/**
 * The archive feed in its three formats: RSS 2.0, Atom 1.0 and JSON Feed 1.1, one item per
 * published Issue, newest first, at most {@link #MAX_ITEMS}. The only place Trendpress writes a
 * feed ({@link Publisher#writeArchive()} writes {@link #files()} into the archive folder).
 *
 * <p>Ids are the issues' permanent URLs, so a correction changes an entry's update time
 * (Atom {@code updated}, JSON Feed {@code date_modified}, the RSS channel's
 * {@code lastBuildDate}) but never its id.
 *
 * <p>Deterministic: the output depends only on the arguments; every date comes from the entries
 * (an empty feed's Atom {@code updated} is the epoch), never from the clock, so the same issues
 * give byte-identical files.
 */
public final class ArchiveFeed {

    /** Items kept in each feed; older Issues stay in the archive index. */
    public static final int MAX_ITEMS = 20;
    /** File names in the archive folder. */
    public static final String RSS_FILE = "feed.xml";
    public static final String ATOM_FILE = "atom.xml";
    public static final String JSON_FILE = "feed.json";
    /** Media types, as served and as written in the self links. */
    public static final String RSS_TYPE = "application/rss+xml";
    public static final String ATOM_TYPE = "application/atom+xml";
    public static final String JSON_TYPE = "application/feed+json";
    public static final String JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final String description;
    private final String archiveUrl;
    private final List<FeedEntry> entries;

    /**
     * @param newsletterName feed title and author, e.g. "Trends in AI"
     * @param archiveUrl     the archive index's URL, ending in "/"; the feeds live beside it
     * @param entries        published Issues in any order (null-dated ones sort last); only the
     *                       {@link #MAX_ITEMS} newest are kept
     * @throws IllegalArgumentException if a required value is missing
     */
    public ArchiveFeed(String newsletterName, String archiveUrl, List<FeedEntry> entries) {
        require(newsletterName, "newsletterName");
        require(archiveUrl, "archiveUrl");
        this.title = newsletterName;
        this.description = "Every issue of " + newsletterName + ": a monthly selection of AI news and research.";
        this.archiveUrl = archiveUrl.endsWith("/") ? archiveUrl : archiveUrl + "/";
        List<FeedEntry> newestFirst = new ArrayList<>(entries == null ? List.of() : entries);
        newestFirst.forEach(e -> {
            Objects.requireNonNull(e, "feed entry");
            require(e.title(), "entry title");
            require(e.url(), "entry url");
        });
        newestFirst.sort(Comparator.comparing(FeedEntry::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(FeedEntry::url));
        this.entries = List.copyOf(newestFirst.subList(0, Math.min(MAX_ITEMS, newestFirst.size())));
    }

    /** The entries the feeds contain, newest first. */
    public List<FeedEntry> entries() {
        return entries;
    }

    public String rssUrl() {
        return archiveUrl + RSS_FILE;
    }

    public String atomUrl() {
        return archiveUrl + ATOM_FILE;
    }

    public String jsonUrl() {
        return archiveUrl + JSON_FILE;
    }

    /** The three feeds by file name (RSS, Atom, JSON Feed, in that order). */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RSS_FILE, rss());
        files.put(ATOM_FILE, atom());
        files.put(JSON_FILE, json());
        return files;
    }

    /** The newest publication time, or null for an empty feed. */
    private Instant newestPublished() {
        return entries.stream().map(FeedEntry::publishedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .map(ArchiveFeed::seconds).orElse(null);
    }

    /** The newest change (publication or correction), or null for an empty feed. */
    private Instant newestChange() {
        return entries.stream().map(FeedEntry::lastChange).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .map(ArchiveFeed::seconds).orElse(null);
    }

    // ---- RSS 2.0 ----

    /** RSS 2.0 with full HTML in {@code content:encoded} and an {@code atom:link rel="self"}. */
    public String rss() {
        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(title);
        channel.setLink(archiveUrl);
        channel.setDescription(description);
        channel.setLanguage("en");
        if (newestPublished() != null) {
            channel.setPubDate(Date.from(newestPublished()));
            channel.setLastBuildDate(Date.from(newestChange()));
        }
        Element self = new Element("link", ATOM);
        self.setAttribute("href", rssUrl());
        self.setAttribute("rel", "self");
        self.setAttribute("type", RSS_TYPE);
        List<Element> foreign = new ArrayList<>();
        foreign.add(self);
        channel.setForeignMarkup(foreign);
        List<Item> items = new ArrayList<>();
        for (FeedEntry entry : entries) {
            items.add(rssItem(entry));
        }
        channel.setItems(items);
        return xml(channel, rssUrl(), ATOM);
    }

    private static Item rssItem(FeedEntry entry) {
        Item item = new Item();
        item.setTitle(entry.title());
        item.setLink(entry.url());
        Guid guid = new Guid();
        guid.setPermaLink(true); // the permanent URL of the web page
        guid.setValue(entry.url());
        item.setGuid(guid);
        if (entry.publishedAt() != null) {
            item.setPubDate(Date.from(seconds(entry.publishedAt())));
        }
        if (entry.summary() != null) {
            Description d = new Description();
            // RSS readers treat <description> as HTML: escape the plain-text summary once more.
            d.setType("text/html");
            d.setValue(escapeHtml(entry.summary()));
            item.setDescription(d);
        }
        if (entry.html() != null) {
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(entry.html());
            item.setContent(content);
        }
        return item;
    }

    // ---- Atom 1.0 ----

    /** Atom 1.0 (RFC 4287): feed id, title, updated, author, self and alternate links. */
    public String atom() {
        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(archiveUrl);
        feed.setTitle(title);
        com.rometools.rome.feed.atom.Content subtitle = new com.rometools.rome.feed.atom.Content();
        subtitle.setType(com.rometools.rome.feed.atom.Content.TEXT);
        subtitle.setValue(description);
        feed.setSubtitle(subtitle);
        feed.setLanguage("en");
        Instant updated = newestChange();
        feed.setUpdated(Date.from(updated == null ? Instant.EPOCH : updated));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", archiveUrl)));
        feed.setOtherLinks(List.of(link("self", ATOM_TYPE, atomUrl())));
        Person author = new Person();
        author.setName(title);
        author.setUri(archiveUrl);
        feed.setAuthors(List.of(author));
        List<Entry> atomEntries = new ArrayList<>();
        for (FeedEntry e : entries) {
            atomEntries.add(atomEntry(e));
        }
        feed.setEntries(atomEntries);
        return xml(feed, atomUrl(), null);
    }

    private static Entry atomEntry(FeedEntry e) {
        Entry entry = new Entry();
        entry.setId(e.url());
        entry.setTitle(e.title());
        entry.setAlternateLinks(List.of(link("alternate", "text/html", e.url())));
        Instant changed = e.lastChange();
        entry.setUpdated(Date.from(seconds(changed == null ? Instant.EPOCH : changed)));
        if (e.publishedAt() != null) {
            entry.setPublished(Date.from(seconds(e.publishedAt())));
        }
        if (e.summary() != null) {
            com.rometools.rome.feed.atom.Content summary = new com.rometools.rome.feed.atom.Content();
            summary.setType(com.rometools.rome.feed.atom.Content.TEXT);
            summary.setValue(e.summary());
            entry.setSummary(summary);
        }
        if (e.html() != null) {
            com.rometools.rome.feed.atom.Content content = new com.rometools.rome.feed.atom.Content();
            content.setType(com.rometools.rome.feed.atom.Content.HTML);
            content.setValue(e.html());
            entry.setContents(List.of(content));
        }
        return entry;
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    // ---- JSON Feed 1.1 ----

    /** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
    public String json() {
        ObjectNode feed = JSON.createObjectNode();
        feed.put("version", JSON_FEED_VERSION);
        feed.put("title", title);
        feed.put("home_page_url", archiveUrl);
        feed.put("feed_url", jsonUrl());
        feed.put("description", description);
        feed.put("language", "en");
        feed.putArray("authors").addObject().put("name", title).put("url", archiveUrl);
        ArrayNode items = feed.putArray("items");
        for (FeedEntry e : entries) {
            ObjectNode item = items.addObject();
            item.put("id", e.url());
            item.put("url", e.url());
            item.put("title", e.title());
            if (e.summary() != null) {
                item.put("summary", e.summary());
            }
            // content_html is required unless content_text is given; an entry without a page gets its summary
            item.put("content_html", e.html() != null ? e.html()
                    : "<p>" + escapeHtml(e.summary() == null ? e.title() : e.summary()) + "</p>");
            if (e.publishedAt() != null) {
                item.put("date_published", rfc3339(e.publishedAt()));
            }
            if (e.lastChange() != null) {
                item.put("date_modified", rfc3339(e.lastChange()));
            }
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(feed) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("publish.feed.failed feed=" + jsonUrl() + ": " + e.getMessage(), e);
        }
    }

    // ---- shared ----

    /**
     * Writes a ROME feed as UTF-8 XML with two-space indents and \n line ends on every platform,
     * characters as they are (UTF-8 needs no character references), and {@code extraNamespace}
     * declared on the root element.
     */
    private static String xml(WireFeed feed, String url, Namespace extraNamespace) {
        try {
            Document doc = new WireFeedOutput().outputJDom(feed);
            if (extraNamespace != null) {
                doc.getRootElement().addNamespaceDeclaration(extraNamespace);
            }
            Format format = Format.getPrettyFormat().setEncoding("UTF-8").setIndent("  ")
                    .setLineSeparator(LineSeparator.UNIX).setEscapeStrategy(ch -> false);
            StringWriter out = new StringWriter();
            new XMLOutputter(format).output(doc, out);
            return out.toString();
        } catch (FeedException | IOException | RuntimeException e) {
            throw new IllegalStateException("publish.feed.failed feed=" + url + ": " + e.getMessage(), e);
        }
    }

    static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(seconds(t));
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("archive feed: " + what + " is missing");
        }
    }
}
