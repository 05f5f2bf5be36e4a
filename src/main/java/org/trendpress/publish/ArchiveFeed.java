package org.trendpress.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

/**
 * Writes the archive feed: RSS 2.0, one item per published Issue, newest first, at most
 * {@link #MAX_ITEMS}. The only place Trendpress writes a feed.
 *
 * <p>Deterministic: the output depends only on the arguments (lastBuildDate and pubDate come
 * from the entries, never from the clock), so re-publishing an unchanged archive gives an
 * identical file.
 */
public final class ArchiveFeed {

    /** Items kept in the feed; older Issues stay in the archive index. */
    public static final int MAX_ITEMS = 20;

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private ArchiveFeed() {}

    /**
     * Renders the RSS 2.0 archive feed.
     *
     * @param newsletterName channel title, e.g. "Trends in AI"
     * @param siteUrl        channel link (the archive index or site home)
     * @param feedUrl        this feed's own URL, written as {@code atom:link rel="self"}
     * @param entries        published Issues in any order; null-dated entries sort last
     * @return the feed as a UTF-8 XML document
     * @throws IllegalArgumentException if a required value is missing
     * @throws IllegalStateException    if ROME fails to write the feed
     */
    public static String rss(String newsletterName, String siteUrl, String feedUrl, List<FeedEntry> entries) {
        require(newsletterName, "newsletterName");
        require(siteUrl, "siteUrl");
        require(feedUrl, "feedUrl");
        List<FeedEntry> newestFirst = new ArrayList<>(entries == null ? List.of() : entries);
        newestFirst.forEach(e -> {
            Objects.requireNonNull(e, "feed entry");
            require(e.title(), "entry title");
            require(e.url(), "entry url");
        });
        newestFirst.sort(Comparator.comparing(FeedEntry::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(FeedEntry::url));
        if (newestFirst.size() > MAX_ITEMS) {
            newestFirst = newestFirst.subList(0, MAX_ITEMS);
        }

        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(newsletterName);
        channel.setLink(siteUrl);
        channel.setDescription("Every issue of " + newsletterName + ": a monthly selection of AI news and research.");
        channel.setLanguage("en");
        if (!newestFirst.isEmpty() && newestFirst.get(0).publishedAt() != null) {
            Date newest = Date.from(newestFirst.get(0).publishedAt());
            channel.setLastBuildDate(newest);
            channel.setPubDate(newest);
        }
        Element self = new Element("link", ATOM);
        self.setAttribute("href", feedUrl);
        self.setAttribute("rel", "self");
        self.setAttribute("type", "application/rss+xml");
        List<Element> foreign = new ArrayList<>();
        foreign.add(self);
        channel.setForeignMarkup(foreign);

        List<Item> items = new ArrayList<>();
        for (FeedEntry entry : newestFirst) {
            items.add(item(entry));
        }
        channel.setItems(items);

        try {
            return new WireFeedOutput().outputString(channel, true);
        } catch (FeedException | RuntimeException e) {
            throw new IllegalStateException("publish.feed.failed feed=" + feedUrl + ": " + e.getMessage(), e);
        }
    }

    private static Item item(FeedEntry entry) {
        Item item = new Item();
        item.setTitle(entry.title());
        item.setLink(entry.url());
        Guid guid = new Guid();
        guid.setPermaLink(true);
        guid.setValue(entry.url());
        item.setGuid(guid);
        Instant at = entry.publishedAt();
        if (at != null) {
            item.setPubDate(Date.from(at));
        }
        if (entry.summary() != null) {
            Description description = new Description();
            // RSS readers treat <description> as HTML: escape the plain-text summary once more.
            description.setType("text/html");
            description.setValue(escapeHtml(entry.summary()));
            item.setDescription(description);
        }
        if (entry.html() != null) {
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(entry.html());
            item.setContent(content);
        }
        return item;
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
