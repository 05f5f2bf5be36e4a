package org.trendpress.render;

/**
 * The archive feed in its three formats, for the {@code <link rel="alternate">} elements of the
 * issue page and the archive index. The files sit beside each other in the archive folder under
 * the names {@code publish.ArchiveFeed} writes (a test keeps the two in step).
 */
public record FeedLinks(String rss, String atom, String json) {

    public static final String RSS_FILE = "feed.xml";
    public static final String ATOM_FILE = "atom.xml";
    public static final String JSON_FILE = "feed.json";

    /** The three feeds beside the RSS feed's URL ({@code …/issues/feed.xml}). */
    public static FeedLinks beside(String rssUrl) {
        String dir = rssUrl.substring(0, rssUrl.lastIndexOf('/') + 1);
        return new FeedLinks(rssUrl, dir + ATOM_FILE, dir + JSON_FILE);
    }
}
