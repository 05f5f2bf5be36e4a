package org.trendpress.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Chooses the {@link Connector} for a source type, or guesses one from the bytes when the type is
 * unknown (the {@code inspect} command, a URL submitted by hand).
 */
public final class Connectors {

    private final FeedParser feeds = new FeedParser();
    private final ArxivApiParser arxivApi = new ArxivApiParser();
    private final HfDailyParser hfDaily = new HfDailyParser();
    private final JsonFeedParser jsonFeed = new JsonFeedParser();
    private final PageMetaParser page = new PageMetaParser();

    /** The connector for a configured source type (see {@link SourceConfig#type()}), or "page". */
    public Connector forType(String type) {
        return switch (type == null ? "rss" : type.toLowerCase(Locale.ROOT)) {
            case "rss", "atom", "arxiv-rss" -> feeds;
            case "arxiv-api" -> arxivApi;
            case "hf-daily" -> hfDaily;
            case "jsonfeed" -> jsonFeed;
            case "page" -> page;
            case "search-json" -> (sourceId, body, contentType) -> {
                throw new IngestException("search-engine JSON (Algolia hits) is not a feed: use the site's RSS feed instead");
            };
            default -> throw new IngestException("no connector for source type '" + type + "'");
        };
    }

    /** Guesses the type of a response from its Content-Type and first bytes. */
    public String sniff(byte[] body, String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String head = head(body);
        if (ct.contains("json") || head.startsWith("{") || head.startsWith("[")) {
            if (head.contains("jsonfeed.org/version") || ct.contains("feed+json")
                    || head.startsWith("{") && head.contains("\"items\"") && !head.contains("\"paper\"")) {
                return "jsonfeed";
            }
            if (head.startsWith("{") && head.contains("\"hits\"") && head.contains("\"objectid\"")) {
                return "search-json";
            }
            return "hf-daily";
        }
        if (ct.contains("text/html") || head.startsWith("<!doctype html") || head.startsWith("<html")) {
            return "page";
        }
        if (head.contains("<feed") && (head.contains("arxiv.org/api") || head.contains("opensearch"))
                && head.contains("arxiv")) {
            return "arxiv-api";
        }
        return "rss";
    }

    /** Parses with the connector {@link #sniff} picks. */
    public ParsedFeed parseAny(String sourceId, byte[] body, String contentType) {
        return parseAny(sourceId, body, contentType, null);
    }

    /** Parses with the connector {@link #sniff} picks, relative links resolved against {@code documentUrl}. */
    public ParsedFeed parseAny(String sourceId, byte[] body, String contentType, String documentUrl) {
        return forType(sniff(body, contentType)).parse(sourceId, body, contentType, documentUrl);
    }

    private static String head(byte[] body) {
        int n = Math.min(body.length, 4096);
        String s = new String(body, 0, n, StandardCharsets.ISO_8859_1);
        if (s.startsWith("\u00ef\u00bb\u00bf")) {
            s = s.substring(3); // UTF-8 byte-order mark
        }
        s = s.replace("\u0000", ""); // a crude look at UTF-16 text
        return s.stripLeading().toLowerCase(Locale.ROOT);
    }
}
